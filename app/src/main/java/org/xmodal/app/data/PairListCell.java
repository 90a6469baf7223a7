package org.xmodal.app.data;

import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.xmodal.app.task.RunningTask;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;

/**
 * A pair in the list: its thumbnail (loaded when the cell shows it), id, split, labels, scene and object count, and
 * for a noisy pair a "noisy" badge whose tooltip says how its teacher's view was corrupted.
 */
final class PairListCell extends ListCell<Pair> {
    private final ThumbnailLoader thumbnails;
    private final Supplier<PairedDataset> dataset;
    private final ImageView thumbnail = new ImageView();
    private final Label id = new Label();
    private final Label details = new Label();
    /**
     * The badge and its tooltip, made for the first noisy pair the cell shows: most pairs are clean, and a list's
     * first cells are made in one pulse of the Data view's first visit (a tooltip is a popup window, too).
     */
    private Label badge;
    private Tooltip badgeTip;
    private final HBox title;
    private final HBox box;
    private RunningTask pending;

    PairListCell(ThumbnailLoader thumbnails, Supplier<PairedDataset> dataset) {
        this.thumbnails = thumbnails;
        this.dataset = dataset;
        id.getStyleClass().add("pair-id");
        details.getStyleClass().add("pair-details");
        // the id and the badge keep their width; the details line is the one cut when the list is narrow
        id.setMinWidth(Region.USE_PREF_SIZE);
        thumbnail.setFitWidth(2 * ThumbnailLoader.SIDE_WIDTH + 2);
        thumbnail.setFitHeight(ThumbnailLoader.SIDE_HEIGHT);
        thumbnail.setPreserveRatio(true);
        title = new HBox(6, id);
        title.setAlignment(Pos.CENTER_LEFT);
        box = new HBox(8, thumbnail, new VBox(2, title, details));
        box.getStyleClass().add("pair-cell");
        // the list is as wide as its column; long details are cut with an ellipsis, not scrolled to
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(Pair pair, boolean empty) {
        super.updateItem(pair, empty);
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        setText(null);
        PairedDataset ds = dataset.get();
        if (empty || pair == null || ds == null) {
            setGraphic(null);
            return;
        }
        id.setText(pair.id());
        details.setText(PairText.details(pair, ds));
        String corruption = PairText.corruption(pair).orElse(null);
        if (corruption != null && badge == null) {
            badge = new Label("noisy");
            badge.getStyleClass().add("corruption-badge");
            badge.managedProperty().bind(badge.visibleProperty());
            badge.setMinWidth(Region.USE_PREF_SIZE);
            badgeTip = new Tooltip();
            badgeTip.setWrapText(true);
            badgeTip.setMaxWidth(360);
            badge.setTooltip(badgeTip);
            title.getChildren().add(badge);
        }
        if (badge != null) {
            badge.setVisible(corruption != null);
            badgeTip.setText(corruption == null ? "" : corruption);
        }
        thumbnail.setImage(null);
        pending = thumbnails.load(ds, pair, img -> {
            if (getItem() == pair) {
                thumbnail.setImage(img);
            }
        });
        setGraphic(box);
    }
}
