package org.xmodal.engine.data;

/**
 * An axis-aligned box in 0-based pixel coordinates, both corners inclusive; its area follows the +1 convention
 * of the NYUD2 / VOC evaluation: (x2 - x1 + 1)(y2 - y1 + 1).
 */
public record Box(double x1, double y1, double x2, double y2) {
    public Box {
        if (!(x2 >= x1) || !(y2 >= y1)) {
            throw new IllegalArgumentException("box corners out of order: " + x1 + "," + y1 + "," + x2 + "," + y2);
        }
    }

    public double width() {
        return x2 - x1 + 1;
    }

    public double height() {
        return y2 - y1 + 1;
    }

    public double area() {
        return width() * height();
    }

    /** Intersection over union with the +1 convention. */
    public double iou(Box o) {
        double iw = Math.min(x2, o.x2) - Math.max(x1, o.x1) + 1;
        double ih = Math.min(y2, o.y2) - Math.max(y1, o.y1) + 1;
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / (area() + o.area() - inter);
    }

    public double[] toArray() {
        return new double[] {x1, y1, x2, y2};
    }
}
