package org.xmodal.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.xmodal.app.help.HelpText;
import org.xmodal.app.help.MarkdownView;

/** Help's Markdown as a person uses it: links to the web, to a section shown, and to what Help does not show. */
@ExtendWith(ApplicationExtension.class)
class MarkdownViewUiTest {
    private static final String DOC = String.join("\n",
            "# Guide", "",
            "See [the paper](https://arxiv.org/abs/1507.00448), [the last part](#last-part) and "
                    + "[the presets](assets/presets/README.md) or [elsewhere](#not-in-this-section).", "",
            "long text\n\n".repeat(80),
            "## Last part", "", "the end");

    private Stage stage;
    private final List<String> browsed = new ArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private MarkdownView show(Optional<Consumer<String>> browser) {
        return WorkbenchRobot.onFx(() -> {
            MarkdownView view = new MarkdownView(HelpText.parse(DOC), new URL("file:/nowhere/README.md"), browser);
            Scene scene = new Scene(view.node(), 600, 400);
            scene.getStylesheets().add(MarkdownView.class.getResource("help.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            return view;
        });
    }

    private static String text(FxRobot robot) {
        return WorkbenchRobot.onFx(() -> robot.lookup(".md-text").queryAllAs(Text.class).stream().map(Text::getText)
                .collect(Collectors.joining()));
    }

    @Test
    void aWebLinkOpensInTheBrowserAndASectionLinkScrollsToIt(FxRobot robot) {
        show(Optional.of(browsed::add));
        WorkbenchRobot.waitUntil("the first paragraph is drawn", () -> robot.lookup("the paper").tryQuery()
                .isPresent());

        robot.clickOn("the paper");
        assertEquals(List.of("https://arxiv.org/abs/1507.00448"), browsed);

        assertEquals(0.0, WorkbenchRobot.onFx(() -> robot.lookup(".markdown-scroll").queryAs(ScrollPane.class)
                .getVvalue()));
        robot.clickOn("the last part"); // perhaps before the last part is drawn: it scrolls there once it is
        WorkbenchRobot.waitUntil("scrolled down to the last heading", () -> robot.lookup(".markdown-scroll")
                .queryAs(ScrollPane.class).getVvalue() > 0.9);
    }

    @Test
    void withoutABrowserTheAddressIsShownAndLinksHelpCannotFollowArePlainText(FxRobot robot) {
        MarkdownView view = show(Optional.empty());
        WorkbenchRobot.waitUntil("drawn", () -> view.completeProperty().get());

        assertTrue(text(robot).contains("the paper (https://arxiv.org/abs/1507.00448)"), text(robot));
        List<String> links = WorkbenchRobot.onFx(() -> robot.lookup(".md-link").queryAllAs(Hyperlink.class).stream()
                .map(Hyperlink::getText).toList());
        assertEquals(List.of("the last part"), links, "only what can be followed looks like a link");
        assertTrue(text(robot).contains("the presets") && text(robot).contains("elsewhere"));
    }
}
