package org.xmodal.app.lab;

import javafx.scene.Node;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;

/** Pictures in equal cells, a given number per row, growing with the window. */
final class LabGrid {
    private LabGrid() {
    }

    static GridPane of(int columns, Node... tiles) {
        GridPane g = new GridPane();
        g.getStyleClass().add("lab-grid");
        g.setHgap(8);
        g.setVgap(8);
        int rows = (tiles.length + columns - 1) / columns;
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / columns);
            cc.setHgrow(Priority.ALWAYS);
            g.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            rc.setVgrow(Priority.ALWAYS);
            g.getRowConstraints().add(rc);
        }
        for (int i = 0; i < tiles.length; i++) {
            g.add(tiles[i], i % columns, i / columns);
        }
        return g;
    }
}
