package org.xmodal.engine.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import org.xmodal.engine.json.Identified;

/** What the teacher's features are scaled to when norms are matched. */
public enum MatchTo implements Identified {
    UNIT, STUDENT;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    @JsonCreator
    public static MatchTo parse(String s) {
        return s == null ? UNIT : Identified.parse(MatchTo.class, s, "adaptation.matchTo");
    }
}
