package org.xmodal.engine.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Locale;
import java.util.Objects;
import org.xmodal.engine.json.Identified;

/**
 * How a pair's teacher view (its RGB image) was spoiled while its student view (depth, HHA or flow) was left as it
 * was: a noisy pair in the sense of Xia et al. 2023, whose two views disagree. A folder dataset records it per pair
 * in {@code dataset.json} ({@code "corruption": {"kind": "swap", "detail": "...", "from": "scene-000123"}}).
 *
 * @param kind   what was done to the RGB image
 * @param detail what was done, as a sentence for people ("shifted 14 px left and 6 px down")
 * @param from   the id of the pair whose RGB image was taken (neighbour, swap), or null
 */
@JsonPropertyOrder({"kind", "detail", "from"})
public record Corruption(Kind kind, String detail, String from) {
    /** The ways a teacher view is spoiled. */
    public enum Kind implements Identified {
        /** The image translated by 10-25% of its width and height, edges replicated. */
        SHIFT("shifted", "translated by 10-25% of its width and height, edges repeated"),
        /** The RGB of another view of the same scene class (or the adjacent frame): close but not aligned. */
        NEIGHBOUR("a neighbouring view", "replaced by another view of the same scene class, or the adjacent frame"),
        /** 30-60% of the image under a flat box of one colour. */
        OCCLUSION("occluded", "30-60% of it covered by a flat box of a random colour"),
        /** The whole image flat mid-grey. */
        BLANK("blanked", "made flat mid-grey"),
        /** The RGB of a pair of another scene class: a semantic mismatch. */
        SWAP("swapped with another scene", "replaced by the RGB of a pair of another scene class");

        private final String summary;
        private final String description;

        Kind(String summary, String description) {
            this.summary = summary;
            this.description = description;
        }

        @Override
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** A few words for people ("shifted", "swapped with another scene"). */
        public String summary() {
            return summary;
        }

        /** What is done to the RGB image, for help texts ("made flat mid-grey"). */
        public String description() {
            return description;
        }

        @JsonCreator
        public static Kind parse(String s) {
            return Identified.parse(Kind.class, s, "corruption kind");
        }
    }

    public Corruption {
        Objects.requireNonNull(kind, "kind");
        detail = detail == null || detail.isBlank() ? kind.summary() : detail;
        from = from == null || from.isBlank() ? null : from;
    }

    /** "teacher's view corrupted: swapped with scene-000123 (kitchen), another scene class". */
    public String describe() {
        return "teacher's view corrupted: " + detail;
    }
}
