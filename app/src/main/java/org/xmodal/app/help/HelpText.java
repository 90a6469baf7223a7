package org.xmodal.app.help;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Document;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/** Markdown read into commonmark's tree (with GitHub's tables), and cut to one section; no JavaFX, so off the FX thread. */
public final class HelpText {
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private HelpText() {
    }

    /** The document as Help shows it: the whole file, or its section. Failures name the file and what is wrong. */
    public static Node read(HelpDocument doc) throws IOException {
        URL url = doc.url().orElseThrow(() -> new FileNotFoundException(doc.file()
                + ": not packaged in this build of the workbench"));
        String text;
        try (InputStream in = url.openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Node document = parse(text);
        if (doc.section().isEmpty()) {
            return document;
        }
        String heading = doc.section().get();
        return section(document, heading).orElseThrow(() -> new IOException(doc.file() + ": has no section \""
                + heading + "\""));
    }

    public static Node parse(String markdown) {
        return PARSER.parse(markdown);
    }

    /**
     * The section under the first heading reading {@code heading}, that heading included, up to the next heading of
     * the same or a higher level, as a document of its own.
     */
    public static Optional<Node> section(Node document, String heading) {
        Node start = null;
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading h && heading.equals(text(h))) {
                start = n;
                break;
            }
        }
        if (start == null) {
            return Optional.empty();
        }
        int level = ((Heading) start).getLevel();
        Document out = new Document();
        Node n = start;
        do {
            Node next = n.getNext();
            out.appendChild(n); // moves it: appending unlinks it from the original document
            n = next;
        } while (n != null && !(n instanceof Heading h && h.getLevel() <= level));
        return Optional.of(out);
    }

    /** The plain text of a node: its text and code, without markup. */
    public static String text(Node node) {
        StringBuilder s = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                s.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                s.append(code.getLiteral());
            }
        });
        return s.toString();
    }

    /** The anchor a heading has on GitHub, which the README's own links use: "The encoding: what" -> "the-encoding-what". */
    public static String anchor(String headingText) {
        return headingText.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
