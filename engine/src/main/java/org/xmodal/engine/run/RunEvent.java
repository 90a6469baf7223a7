package org.xmodal.engine.run;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code events.jsonl}: {@code {"type": ..., "time": ..., "step": ..., ...details}}, flat so that a
 * Python user reads it with one {@code json.loads} per line.
 */
@JsonPropertyOrder({"type", "time", "step"})
public final class RunEvent {
    public static final String STARTED = "started";
    public static final String RESUMED = "resumed";
    /**
     * What a run does before its first step (reading and checking pairs, encoding HHA or flow, proposals, the
     * teacher's outputs): {@code stage} (the words of {@code message} before its first count, the same for every
     * event of one stage), {@code message} for people and {@code fraction} of the stage done in [0, 1] (absent when
     * the amount of work is not known). Written a few times a second at most, always the first and the last of a
     * stage; the last before the first step has fraction 1.
     */
    public static final String PREPARING = "preparing";
    public static final String PROGRESS = "progress";
    public static final String METRIC = "metric";
    public static final String CHECKPOINT = "checkpoint";
    public static final String WARNING = "warning";
    public static final String FAILED = "failed";
    public static final String STOPPED = "stopped";
    public static final String FINISHED = "finished";

    private final String type;
    private final String time;
    private final long step;
    private final Map<String, Object> details = new LinkedHashMap<>();

    @JsonCreator
    public RunEvent(@JsonProperty("type") String type, @JsonProperty("time") String time,
                    @JsonProperty("step") long step) {
        this.type = type;
        this.time = time;
        this.step = step;
    }

    public static RunEvent of(String type, long step) {
        return new RunEvent(type, Instant.now().toString(), step);
    }

    public RunEvent with(String key, Object value) {
        details.put(key, value);
        return this;
    }

    @JsonProperty("type")
    public String type() {
        return type;
    }

    @JsonProperty("time")
    public String time() {
        return time;
    }

    @JsonProperty("step")
    public long step() {
        return step;
    }

    @JsonAnyGetter
    public Map<String, Object> details() {
        return details;
    }

    @JsonAnySetter
    void put(String key, Object value) {
        details.put(key, value);
    }

    public double number(String key, double fallback) {
        Object v = details.get(key);
        return v instanceof Number n ? n.doubleValue() : fallback;
    }

    public String text(String key) {
        Object v = details.get(key);
        return v == null ? null : v.toString();
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isTerminal() {
        return type.equals(FINISHED) || type.equals(FAILED) || type.equals(STOPPED);
    }
}
