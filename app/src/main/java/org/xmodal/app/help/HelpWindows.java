package org.xmodal.app.help;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.commonmark.node.Node;
import org.xmodal.app.shell.Problem;
import org.xmodal.app.shell.ProblemReporter;
import org.xmodal.app.task.Outcome;
import org.xmodal.app.task.TaskExecutor;

/**
 * Help's windows, one per document, beside the main window (owned by it, so they close with it). Asking again for a
 * document already open brings its window to the front. The file is read and parsed off the FX thread; the window
 * says what it is reading until then.
 */
public final class HelpWindows {
    static final double WIDTH = 920;
    static final double HEIGHT = 760;

    private final TaskExecutor executor;
    private final ProblemReporter problems;
    private final Supplier<Window> owner;
    private final Optional<Consumer<String>> browser;
    private final Map<HelpDocument, Stage> open = new EnumMap<>(HelpDocument.class);

    /**
     * @param owner   the main window
     * @param browser opens a web address in the desktop's browser, when there is one
     */
    public HelpWindows(TaskExecutor executor, ProblemReporter problems, Supplier<Window> owner,
                       Optional<Consumer<String>> browser) {
        this.executor = executor;
        this.problems = problems;
        this.owner = owner;
        this.browser = browser;
    }

    public Stage show(HelpDocument doc) {
        Stage shown = open.get(doc);
        if (shown != null) {
            shown.show();
            shown.toFront();
            return shown;
        }
        Stage stage = new Stage();
        stage.setTitle(doc.title() + " \u00b7 xmodal");
        Window w = owner.get();
        if (w != null) {
            stage.initOwner(w);
        }
        Label reading = new Label("Reading " + doc.file() + "\u2026");
        reading.getStyleClass().add("help-reading");
        BorderPane root = new BorderPane(reading);
        root.setId("help-" + doc.id());
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().addAll(
                HelpWindows.class.getResource("/org/xmodal/app/workbench.css").toExternalForm(),
                HelpWindows.class.getResource("help.css").toExternalForm());
        stage.setScene(scene);
        open.put(doc, stage);
        stage.show();
        executor.submit("Reading " + doc.file(), (progress, cancel) -> HelpText.read(doc), outcome -> {
            if (outcome instanceof Outcome.Done<Node> done) {
                // the document's own address, against which its pictures resolve (read() found it)
                root.setCenter(new MarkdownView(done.value(), doc.url().orElseThrow(), browser).node());
            } else if (outcome instanceof Outcome.Failed<Node> failed) {
                String why = failed.error().getMessage() == null ? failed.error().toString()
                        : failed.error().getMessage();
                open.remove(doc);
                stage.close();
                problems.report(new Problem("Could not show the " + doc.title().toLowerCase(Locale.ROOT), why,
                        "Help's pages are packaged from the repository when the workbench is built (mvn package): "
                                + "build it again, or read " + doc.file() + " in the repository."));
            }
        });
        return stage;
    }
}
