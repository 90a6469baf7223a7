package org.xmodal.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xmodal.engine.data.Box;
import org.xmodal.engine.data.ObjectAnnotation;

/**
 * AveragePrecision against a second implementation written here from the definition, on random seeded cases:
 * the reference matches by scanning every ground-truth box of every image with its own IoU, and integrates
 * the interpolated precision over recall levels: AP = (1/G) sum over k = 1..G of max{precision at any rank whose
 * recall is >= k/G} (0 when recall k/G is never reached), which is the area under the monotone curve.
 */
class AveragePrecisionReferenceTest {
    private static final List<String> CLASSES = List.of("bed", "chair", "lamp");

    private record Case(List<Detection> detections, Map<String, List<ObjectAnnotation>> truth) {
    }

    @Test
    void matchesTheDefinitionOnHundredsOfRandomCases() {
        for (int seed = 0; seed < 300; seed++) {
            Case c = randomCase(new Random(seed));
            Map<String, ClassAveragePrecision> got = AveragePrecision.evaluate(c.detections(), c.truth(), CLASSES);
            for (String cls : CLASSES) {
                double want = reference(cls, c.detections(), c.truth());
                double ap = got.get(cls).ap();
                if (Double.isNaN(want)) {
                    assertEquals(Double.NaN, ap, "seed " + seed + " class " + cls);
                } else {
                    assertEquals(want, ap, 1e-12, "seed " + seed + " class " + cls);
                }
            }
        }
    }

    /** Images with 0 to 5 objects; detections near true boxes (hits, duplicates, poor fits) and anywhere. */
    private static Case randomCase(Random rnd) {
        int images = 1 + rnd.nextInt(12);
        Map<String, List<ObjectAnnotation>> truth = new HashMap<>();
        List<Detection> dets = new ArrayList<>();
        // coarse scores make ties common, so the tie order is exercised too
        int scoreLevels = 2 + rnd.nextInt(30);
        for (int i = 0; i < images; i++) {
            String id = "img" + i;
            List<ObjectAnnotation> objects = new ArrayList<>();
            for (int k = rnd.nextInt(6); k > 0; k--) {
                objects.add(new ObjectAnnotation(CLASSES.get(rnd.nextInt(3)), randomBox(rnd), 0));
            }
            truth.put(id, objects);
            for (ObjectAnnotation o : objects) {
                for (int k = rnd.nextInt(4); k > 0; k--) {
                    String cls = rnd.nextInt(5) == 0 ? CLASSES.get(rnd.nextInt(3)) : o.className();
                    dets.add(new Detection(id, cls, jitter(o.box(), rnd), rnd.nextInt(scoreLevels)));
                }
            }
            for (int k = rnd.nextInt(30); k > 0; k--) {
                dets.add(new Detection(id, CLASSES.get(rnd.nextInt(3)), randomBox(rnd), rnd.nextInt(scoreLevels)));
            }
        }
        return new Case(dets, truth);
    }

    private static Box randomBox(Random rnd) {
        double x = rnd.nextInt(100);
        double y = rnd.nextInt(80);
        return new Box(x, y, x + rnd.nextInt(40), y + rnd.nextInt(30));
    }

    private static Box jitter(Box b, Random rnd) {
        double s = 0.3 * Math.max(b.width(), b.height());
        double x1 = b.x1() + Math.round(rnd.nextGaussian() * s * 0.3);
        double y1 = b.y1() + Math.round(rnd.nextGaussian() * s * 0.3);
        double x2 = Math.max(x1, b.x2() + Math.round(rnd.nextGaussian() * s * 0.3));
        double y2 = Math.max(y1, b.y2() + Math.round(rnd.nextGaussian() * s * 0.3));
        return new Box(x1, y1, x2, y2);
    }

    private static double reference(String cls, List<Detection> all, Map<String, List<ObjectAnnotation>> truth) {
        List<ObjectAnnotation> boxes = new ArrayList<>();
        List<String> boxImage = new ArrayList<>();
        truth.forEach((image, objects) -> objects.stream().filter(o -> o.className().equals(cls)).forEach(o -> {
            boxes.add(o);
            boxImage.add(image);
        }));
        int g = boxes.size();
        if (g == 0) {
            return Double.NaN;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).className().equals(cls)) {
                order.add(i);
            }
        }
        // rank: higher score first, then earlier in the input
        order.sort((a, b) -> all.get(a).score() != all.get(b).score()
                ? Double.compare(all.get(b).score(), all.get(a).score()) : Integer.compare(a, b));
        boolean[] found = new boolean[g];
        double[] recall = new double[order.size()];
        double[] precision = new double[order.size()];
        int hits = 0;
        for (int r = 0; r < order.size(); r++) {
            Detection d = all.get(order.get(r));
            int best = -1;
            double bestIou = -1;
            for (int j = 0; j < g; j++) {
                if (boxImage.get(j).equals(d.imageId())) {
                    double iou = iou(d.box(), boxes.get(j).box());
                    if (iou > bestIou) {
                        bestIou = iou;
                        best = j;
                    }
                }
            }
            if (best >= 0 && bestIou >= 0.5 && !found[best]) {
                found[best] = true;
                hits++;
            }
            recall[r] = hits / (double) g;
            precision[r] = hits / (double) (r + 1);
        }
        double ap = 0;
        for (int k = 1; k <= g; k++) {
            double level = k / (double) g;
            double p = 0;
            for (int r = 0; r < recall.length; r++) {
                if (recall[r] >= level) {
                    p = Math.max(p, precision[r]);
                }
            }
            ap += p / g;
        }
        return ap;
    }

    /** IoU of inclusive pixel boxes, counting pixels: area (x2 - x1 + 1)(y2 - y1 + 1). */
    private static double iou(Box a, Box b) {
        double ix = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1()) + 1;
        double iy = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1()) + 1;
        double inter = ix > 0 && iy > 0 ? ix * iy : 0;
        double union = (a.x2() - a.x1() + 1) * (a.y2() - a.y1() + 1) + (b.x2() - b.x1() + 1) * (b.y2() - b.y1() + 1)
                - inter;
        return inter / union;
    }
}
