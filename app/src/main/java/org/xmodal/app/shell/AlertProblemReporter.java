package org.xmodal.app.shell;

import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Tells a problem in a modal dialog: what failed, why, and what to do; never a stack trace. */
public final class AlertProblemReporter implements ProblemReporter {
    private final Supplier<Window> owner;

    public AlertProblemReporter(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void report(Problem problem) {
        Alert alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.OK);
        alert.setTitle("xmodal");
        alert.setHeaderText(problem.title());
        Label message = new Label(problem.message());
        message.setWrapText(true);
        Label advice = new Label(problem.advice());
        advice.setWrapText(true);
        advice.getStyleClass().add("advice");
        VBox content = new VBox(10, message, advice);
        content.setPrefWidth(480);
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().setId("problem-dialog");
        Window w = owner.get();
        if (w != null) {
            alert.initOwner(w);
        }
        alert.show();
    }
}
