package org.xmodal.app.shell;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The status bar: the engine and the runs training on the left; the long job in front on the right, with a progress bar and a cancel
 * button. Progress is sampled ten times a second, whatever the job reports.
 */
public final class StatusBarView extends HBox {
    public static final Duration SAMPLE_PERIOD = Duration.millis(100);

    public StatusBarView(StatusBarViewModel vm, javafx.beans.value.ObservableValue<String> notice) {
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);
        Label engine = new Label();
        engine.setId("engine-status");
        engine.textProperty().bind(vm.engineProperty());
        Label noticeLabel = new Label();
        noticeLabel.setId("notice");
        noticeLabel.textProperty().bind(notice);
        noticeLabel.getStyleClass().add("notice");
        noticeLabel.setMinWidth(0);
        Label runs = new Label();
        runs.setId("runs-status");
        runs.getStyleClass().add("runs-status");
        runs.textProperty().bind(vm.runsProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label workText = new Label();
        workText.setId("work-text");
        workText.textProperty().bind(vm.workTextProperty());
        ProgressBar bar = new ProgressBar();
        bar.setId("work-progress");
        bar.setPrefWidth(180);
        bar.progressProperty().bind(vm.workProgressProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("work-cancel");
        cancel.setOnAction(e -> vm.cancelWork());
        for (var n : new javafx.scene.Node[] {workText, bar, cancel}) {
            n.visibleProperty().bind(vm.workingProperty());
            n.managedProperty().bind(vm.workingProperty());
        }
        getChildren().addAll(engine, runs, noticeLabel, spacer, workText, bar, cancel);
        Timeline sampler = new Timeline(new KeyFrame(SAMPLE_PERIOD, e -> vm.sample()));
        sampler.setCycleCount(Timeline.INDEFINITE);
        sampler.play();
    }
}
