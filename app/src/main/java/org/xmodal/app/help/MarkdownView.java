package org.xmodal.app.help;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.Bounds;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;

/**
 * A Markdown document drawn with JavaFX nodes in a scroll pane (no WebView: it is not in the build and does not run
 * under the headless toolkit): headings, paragraphs with emphasis and code, code blocks, lists, quotes, GitHub tables,
 * pictures with their captions, and links. A link to a heading shown here scrolls to it; a web address opens in the
 * browser, or is shown beside its text when there is none; a link to a file or section that is not shown here is
 * plain text whose tooltip says where it points. Styled by help.css.
 */
public final class MarkdownView {
    /** Pictures are drawn at most this wide (the README's screenshots are the window's size). */
    static final double PICTURE_WIDTH = 860;
    private static final double MIN_PICTURE_WIDTH = 120;
    /** A table cell wraps past this width rather than pushing the table out of the window. */
    private static final double CELL_WIDTH = 380;
    /** About a screenful of text: what one pulse styles and lays out. */
    static final int RUNS_PER_PULSE = 40;
    /** A picture costs a pulse about as much as this many runs of text (it is decoded off the FX thread). */
    private static final int PICTURE_RUNS = 15;

    private final URL base;
    private final Optional<Consumer<String>> browser;
    private final VBox root = new VBox();
    private final ScrollPane scroll = new ScrollPane(root);
    private final Map<String, javafx.scene.Node> anchors = new HashMap<>();
    private final List<String> known = new ArrayList<>();
    private final ReadOnlyBooleanWrapper complete = new ReadOnlyBooleanWrapper(this, "complete");
    /** The next top-level block to draw, or null when all are. */
    private Node next;
    /** Text runs made so far: what a pulse's share of the document is measured in. */
    private int runs;
    private String pendingAnchor;

    /**
     * Adds the next blocks, a few per pulse: styling and laying out a whole README section at once held the FX thread
     * (every window's) for hundreds of milliseconds; this way the top shows at once and the rest follows within a
     * second.
     */
    private final AnimationTimer builder = new AnimationTimer() {
        @Override
        public void handle(long now) {
            int before = runs;
            while (next != null && runs - before < RUNS_PER_PULSE) {
                block(next, root);
                next = next.getNext();
            }
            if (next == null) {
                stop();
                complete.set(true);
                if (pendingAnchor != null) {
                    String a = pendingAnchor;
                    pendingAnchor = null;
                    // after the pulse has laid the last blocks out, so the heading has its place
                    Platform.runLater(() -> scrollTo(a));
                }
            }
        }
    };

    /**
     * @param base    where the document is, against which its pictures and relative links resolve
     * @param browser opens a web address, when the desktop has a browser
     */
    public MarkdownView(Node document, URL base, Optional<Consumer<String>> browser) {
        this.base = base;
        this.browser = browser;
        root.getStyleClass().add("markdown");
        collectAnchors(document);
        next = document.getFirstChild();
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("markdown-scroll");
        builder.start();
    }


    /** True once every block is drawn. */
    public ReadOnlyBooleanProperty completeProperty() {
        return complete.getReadOnlyProperty();
    }

    public ScrollPane node() {
        return scroll;
    }

    /** Scrolls to the heading with this anchor; false when the document shown has none. */
    public boolean scrollTo(String anchor) {
        if (!known.contains(anchor)) {
            return false;
        }
        javafx.scene.Node target = anchors.get(anchor);
        if (target == null) {
            pendingAnchor = anchor; // not drawn yet: scrolled to once it is
            return true;
        }
        root.applyCss();
        root.layout();
        Bounds in = root.sceneToLocal(target.localToScene(target.getBoundsInLocal()));
        double room = root.getHeight() - scroll.getViewportBounds().getHeight();
        scroll.setVvalue(room <= 0 ? 0 : Math.max(0, Math.min(1, in.getMinY() / room)));
        return true;
    }

    private void collectAnchors(Node document) {
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading h) {
                known.add(HelpText.anchor(HelpText.text(h)));
            }
        }
    }

    private void blocks(Node parent, Pane into) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            block(n, into);
        }
    }

    private void block(Node n, Pane into) {
        if (n instanceof Heading h) {
            TextFlow flow = new TextFlow();
            flow.getStyleClass().addAll("md-heading", "md-heading-" + h.getLevel());
            new Inlines(flow, into, List.of("md-h" + h.getLevel())).children(h);
            into.getChildren().add(flow);
            anchors.put(HelpText.anchor(HelpText.text(h)), flow);
        } else if (n instanceof Paragraph p) {
            new Inlines(null, into, List.of()).children(p);
        } else if (n instanceof ListBlock list) {
            into.getChildren().add(list(list));
        } else if (n instanceof FencedCodeBlock code) {
            into.getChildren().add(codeBlock(code.getLiteral()));
        } else if (n instanceof IndentedCodeBlock code) {
            into.getChildren().add(codeBlock(code.getLiteral()));
        } else if (n instanceof BlockQuote quote) {
            VBox box = new VBox();
            box.getStyleClass().add("md-quote");
            blocks(quote, box);
            into.getChildren().add(box);
        } else if (n instanceof ThematicBreak) {
            into.getChildren().add(new Separator());
        } else if (n instanceof org.commonmark.ext.gfm.tables.TableBlock table) {
            into.getChildren().add(table(table));
        } else if (n instanceof HtmlBlock html) {
            into.getChildren().add(codeBlock(html.getLiteral()));
        } else if (!(n instanceof LinkReferenceDefinition)) {
            blocks(n, into); // a block this view does not know: its content, unstyled
        }
    }

    private VBox list(ListBlock list) {
        VBox box = new VBox();
        box.getStyleClass().add("md-list");
        int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            Label marker = new Label(list instanceof BulletList ? "\u2022" : number++ + ".");
            marker.getStyleClass().add("md-list-marker");
            marker.setMinWidth(list instanceof BulletList ? 14 : 24);
            VBox body = new VBox();
            body.getStyleClass().add("md-list-body");
            blocks(item, body);
            HBox row = new HBox(marker, body);
            HBox.setHgrow(body, Priority.ALWAYS);
            box.getChildren().add(row);
        }
        return box;
    }

    private static Label codeBlock(String literal) {
        Label code = new Label(literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal);
        code.getStyleClass().add("md-code-block");
        code.setWrapText(true);
        code.setMaxWidth(Double.MAX_VALUE);
        return code;
    }

    private GridPane table(org.commonmark.ext.gfm.tables.TableBlock table) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        int row = 0;
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (Node r = section.getFirstChild(); r != null; r = r.getNext()) {
                if (!(r instanceof TableRow)) {
                    continue;
                }
                int column = 0;
                for (Node c = r.getFirstChild(); c != null; c = c.getNext()) {
                    if (c instanceof TableCell cell) {
                        TextFlow flow = new TextFlow();
                        flow.setMaxWidth(CELL_WIDTH);
                        flow.getStyleClass().add("md-cell");
                        if (cell.isHeader()) {
                            flow.getStyleClass().add("md-header-cell");
                        }
                        if (cell.getAlignment() == TableCell.Alignment.RIGHT) {
                            flow.setTextAlignment(TextAlignment.RIGHT);
                        } else if (cell.getAlignment() == TableCell.Alignment.CENTER) {
                            flow.setTextAlignment(TextAlignment.CENTER);
                        }
                        new Inlines(flow, null, cell.isHeader() ? List.of("md-strong") : List.of()).children(cell);
                        flow.setMaxHeight(Double.MAX_VALUE);
                        grid.add(flow, column++, row);
                    }
                }
                row++;
            }
        }
        return grid;
    }

    /**
     * The inline content of one block, as text runs in a flow. A picture breaks the flow: it is drawn as a block of its
     * own (with its caption) in {@code blocks}, and the text after it starts a new flow.
     */
    private final class Inlines {
        private final Pane blocks;
        private final List<String> styles;
        private TextFlow flow;

        /**
         * @param flow   the flow to fill, or null to make flows in {@code blocks} as text comes
         * @param blocks where pictures (and made flows) go, or null to draw pictures as their captions in the flow
         * @param styles the style classes every run gets
         */
        Inlines(TextFlow flow, Pane blocks, List<String> styles) {
            this.flow = flow;
            this.blocks = blocks;
            this.styles = styles;
        }

        void children(Node parent) {
            inline(parent, styles);
        }

        private void inline(Node parent, List<String> styles) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
                if (n instanceof Text t) {
                    text(t.getLiteral(), styles);
                } else if (n instanceof Code c) {
                    text(c.getLiteral(), with(styles, "md-code"));
                } else if (n instanceof Emphasis) {
                    inline(n, with(styles, "md-em"));
                } else if (n instanceof StrongEmphasis) {
                    inline(n, with(styles, "md-strong"));
                } else if (n instanceof SoftLineBreak) {
                    text(" ", styles);
                } else if (n instanceof HardLineBreak) {
                    text("\n", styles);
                } else if (n instanceof Link l) {
                    link(l, styles);
                } else if (n instanceof Image i) {
                    picture(i, styles);
                } else if (n instanceof HtmlInline html) {
                    text(html.getLiteral(), with(styles, "md-code"));
                } else {
                    inline(n, styles);
                }
            }
        }

        private TextFlow flow() {
            if (flow == null) {
                flow = new TextFlow();
                flow.getStyleClass().add("md-paragraph");
                blocks.getChildren().add(flow);
            }
            return flow;
        }

        /** Adds a run of text; null for blank text before any (the line break between two pictures). */
        private javafx.scene.text.Text text(String s, List<String> styles) {
            if (flow == null && s.isBlank()) {
                return null;
            }
            List<javafx.scene.Node> runsHere = flow().getChildren();
            if (!runsHere.isEmpty() && runsHere.get(runsHere.size() - 1) instanceof javafx.scene.text.Text last
                    && styles.equals(last.getUserData())) {
                last.setText(last.getText() + s); // one run per style, not one per source line: fewer nodes to style
                return last;
            }
            javafx.scene.text.Text t = new javafx.scene.text.Text(s);
            t.getStyleClass().add("md-text");
            t.getStyleClass().addAll(styles);
            t.setUserData(styles);
            runsHere.add(t);
            runs++;
            return t;
        }

        private void link(Link l, List<String> styles) {
            String to = l.getDestination();
            String label = HelpText.text(l);
            boolean web = to.matches("(?i)(https?|mailto):.*");
            if (to.startsWith("#") && known.contains(to.substring(1))) {
                Hyperlink h = hyperlink(label, "Go to the section");
                h.setOnAction(e -> scrollTo(to.substring(1)));
            } else if (web && browser.isPresent()) {
                Hyperlink h = hyperlink(label, to);
                h.setOnAction(e -> browser.get().accept(to));
            } else if (web) {
                text(label, with(styles, "md-link-off"));
                text(" (" + to + ")", with(styles, "md-code"));
            } else {
                // a section or a file of the repository that Help does not show: say where it is
                javafx.scene.text.Text t = text(label, with(styles, "md-link-off"));
                if (t != null) {
                    t.setUserData(null); // its tooltip is its own: no text after it joins it
                }
                Tooltip.install(t == null ? flow() : t, new Tooltip(to.startsWith("#") ? "A section of the README not shown here ("
                        + to + ")" : "In the repository: " + to));
            }
        }

        private Hyperlink hyperlink(String label, String tip) {
            Hyperlink h = new Hyperlink(label);
            h.getStyleClass().add("md-link");
            h.setTooltip(new Tooltip(tip));
            flow().getChildren().add(h);
            return h;
        }

        private void picture(Image i, List<String> styles) {
            String caption = HelpText.text(i);
            Optional<URL> url = resolve(i.getDestination());
            if (blocks == null || url.isEmpty()) {
                text("[picture: " + caption + "]", with(styles, "md-em"));
                return;
            }
            // loaded in the background: the window shows at once, and the pictures as they come
            javafx.scene.image.Image image = new javafx.scene.image.Image(url.get().toExternalForm(), PICTURE_WIDTH, 0,
                    true, true, true);
            ImageView view = new ImageView(image);
            view.setPreserveRatio(true);
            // follows the viewport, not the content's width, which the picture's own width would hold open
            view.fitWidthProperty().bind(Bindings.createDoubleBinding(() -> Math.max(MIN_PICTURE_WIDTH,
                    Math.min(PICTURE_WIDTH, scroll.getViewportBounds().getWidth() - root.getInsets().getLeft()
                            - root.getInsets().getRight())), scroll.viewportBoundsProperty(), root.insetsProperty()));
            Label under = new Label(caption);
            under.getStyleClass().add("md-caption");
            under.setWrapText(true);
            // a picture this build did not package shows as its caption and file, not as an empty frame
            view.visibleProperty().bind(image.errorProperty().not());
            view.managedProperty().bind(view.visibleProperty());
            Runnable missing = () -> under.setText("[picture not in this build: " + i.getDestination() + "] "
                    + caption);
            image.errorProperty().addListener((obs, o, failed) -> {
                if (failed) {
                    missing.run();
                }
            });
            if (image.isError()) {
                missing.run();
            }
            VBox picture = new VBox(4, view, under);
            picture.getStyleClass().add("md-picture");
            flow = null; // text after the picture starts a new paragraph
            blocks.getChildren().add(picture);
            runs += PICTURE_RUNS;
        }
    }

    private Optional<URL> resolve(String destination) {
        try {
            return Optional.of(new URL(base, destination));
        } catch (MalformedURLException e) {
            return Optional.empty();
        }
    }

    private static List<String> with(List<String> styles, String style) {
        List<String> out = new ArrayList<>(styles);
        out.add(style);
        return out;
    }
}
