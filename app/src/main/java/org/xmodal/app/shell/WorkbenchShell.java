package org.xmodal.app.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.xmodal.app.WorkbenchContext;
import org.xmodal.app.runs.RunWatchTimer;

/**
 * The main window's content: navigation between views on the left, the chosen view in the middle, the status bar at
 * the bottom (the menu bar on top is the menu package's, whose View menu holds Ctrl+1, Ctrl+2, ...). Views are
 * made the first time they are shown, and then kept (hidden when another is shown).
 */
public final class WorkbenchShell extends BorderPane {
    private final WorkbenchContext context;
    private final Map<String, ViewEntry> entries = new LinkedHashMap<>();
    private final Map<String, WorkbenchView> made = new LinkedHashMap<>();
    private final Map<String, ToggleButton> buttons = new LinkedHashMap<>();
    private final StackPane centre = new StackPane();
    private final StatusBarViewModel status;
    private final ReadOnlyStringWrapper shown = new ReadOnlyStringWrapper(this, "shown");

    public WorkbenchShell(WorkbenchContext context, List<ViewEntry> views) {
        this.context = context;
        this.status = new StatusBarViewModel(context.work());
        getStyleClass().add("workbench");
        VBox nav = new VBox();
        nav.getStyleClass().add("nav");
        Label brand = new Label("xmodal");
        brand.getStyleClass().add("brand");
        nav.getChildren().add(brand);
        ToggleGroup group = new ToggleGroup();
        for (ViewEntry e : views) {
            entries.put(e.title(), e);
            ToggleButton b = new ToggleButton(e.title());
            b.setId("nav-" + e.id());
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setOnAction(ev -> show(e.title()));
            buttons.put(e.title(), b);
            nav.getChildren().add(b);
        }
        // a view stays chosen: clicking the chosen button again does not unchoose it
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true);
            }
        });
        setLeft(nav);
        setCenter(centre);
        setBottom(new StatusBarView(status, context.session().noticeProperty()));
        status.watchRuns(context.runs().runningProperty());
        context.navigateWith(this::show);
        RunWatchTimer.start(context.runs());
        if (!views.isEmpty()) {
            show(views.get(0).title());
        }
    }

    /** Shows the view with this title, making it first if needed. */
    public WorkbenchView show(String title) {
        ViewEntry e = entries.get(title);
        if (e == null) {
            throw new IllegalArgumentException("no view called " + title + "; views: " + entries.keySet());
        }
        WorkbenchView v = made.computeIfAbsent(title, t -> {
            WorkbenchView created = e.factory().apply(context);
            centre.getChildren().add(created.node());
            return created;
        });
        // views stay in the scene, laid out at the window's size, and are only hidden: showing one again costs no
        // new styling, no new layout and no redraw of its charts and canvases (measured by ./xmodal bench fx)
        for (WorkbenchView other : made.values()) {
            other.node().setVisible(other == v);
        }
        buttons.get(title).setSelected(true);
        shown.set(title);
        return v;
    }

    /** The views' titles, in navigation order. */
    public List<String> titles() {
        return List.copyOf(entries.keySet());
    }

    /** The title of the view shown. */
    public ReadOnlyStringProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public StatusBarViewModel status() {
        return status;
    }

    public WorkbenchContext context() {
        return context;
    }
}
