package org.xmodal.app.help;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.junit.jupiter.api.Test;

class HelpTextTest {
    private static List<String> headings(Node doc) {
        List<String> out = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                out.add(heading.getLevel() + " " + HelpText.text(heading));
            }
        });
        return out;
    }

    @Test
    void theGuideIsTheReadmesWorkbenchSectionAsPackaged() throws IOException {
        Node guide = HelpText.read(HelpDocument.GUIDE);

        List<String> headings = headings(guide);
        assertEquals("2 The workbench", headings.get(0));
        assertTrue(headings.stream().skip(1).noneMatch(h -> h.startsWith("1 ") || h.startsWith("2 ")),
                "it ends before the next section: " + headings);
        String text = HelpText.text(guide);
        assertTrue(text.contains("Encoding lab") && text.contains("Results"), "every view is described");
        assertFalse(text.contains("./xmodal experiment table1 --data"), "the next section is not included");
    }

    @Test
    void theMethodBriefIsPackagedWithItsTableOfTable1sArms() throws IOException {
        Node brief = HelpText.read(HelpDocument.METHODS);

        assertTrue(headings(brief).containsAll(List.of("2 Supervision transfer", "2 HHA: depth as three images",
                "2 What Table 1 compares")), headings(brief).toString());
        List<Node> tables = new ArrayList<>();
        brief.accept(new AbstractVisitor() {
            @Override
            public void visit(CustomBlock block) {
                if (block instanceof TableBlock) {
                    tables.add(block);
                }
                visitChildren(block);
            }
        });
        assertEquals(1, tables.size());
        assertTrue(HelpText.text(tables.get(0)).contains("transfer-frozen"));
    }

    @Test
    void aSectionRunsToTheNextHeadingOfItsLevel() {
        Node doc = HelpText.parse("# Top\n\n## A\n\ntext a\n\n### A.1\n\nmore\n\n## B\n\ntext b\n");

        Node a = HelpText.section(doc, "A").orElseThrow();

        assertEquals(List.of("2 A", "3 A.1"), headings(a));
        assertEquals("Atext aA.1more", HelpText.text(a));
        assertTrue(HelpText.section(doc, "C").isEmpty());
    }

    @Test
    void anchorsAreGithubsSoTheReadmesOwnLinksFindTheirHeadings() {
        assertEquals("the-encoding-what-the-student-sees", HelpText.anchor("The encoding: what the student sees"));
        assertEquals("the-papers-comparison-experiment-table1",
                HelpText.anchor("The paper's comparison: experiment table1"));
    }
}
