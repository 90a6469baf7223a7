package org.xmodal.engine.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A detector's score on a set of images: AP per class and their mean, as fractions in [0, 1], with each class's
 * precision-recall curve. Every evaluated class is a key of both maps, in the evaluated order. A class without
 * ground truth has AP NaN, written to JSON as {@code null} (and read back as NaN), and is not in the mean.
 *
 * @param mAP mean of the per-class APs over the classes with ground truth
 */
public record DetectionResult(@JsonSerialize(contentUsing = NanAsNull.class) Map<String, Double> apPerClass,
                              double mAP, Map<String, PrCurve> curves) {
    public DetectionResult {
        Objects.requireNonNull(apPerClass, "apPerClass");
        Objects.requireNonNull(curves, "curves");
        Map<String, Double> ap = new LinkedHashMap<>();
        apPerClass.forEach((c, v) -> ap.put(c, v == null ? Double.NaN : v));
        apPerClass = Collections.unmodifiableMap(ap);
        curves = Collections.unmodifiableMap(new LinkedHashMap<>(curves));
    }

    /** The result of every class of an {@link AveragePrecision#evaluate} call. */
    public static DetectionResult of(Map<String, ClassAveragePrecision> perClass) {
        Map<String, Double> ap = new LinkedHashMap<>();
        Map<String, PrCurve> curves = new LinkedHashMap<>();
        perClass.forEach((c, r) -> {
            ap.put(c, r.ap());
            curves.put(c, r.curve());
        });
        return new DetectionResult(ap, AveragePrecision.mean(perClass.values()), curves);
    }

    /** Writes NaN as JSON's null: NaN is not JSON, and a Python reader should see "undefined", not a string. */
    static final class NanAsNull extends StdSerializer<Double> {
        NanAsNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value == null || value.isNaN()) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }
}
