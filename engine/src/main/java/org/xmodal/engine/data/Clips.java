package org.xmodal.engine.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which clip (video, sequence) a frame pair comes from, read from its id, so that clip classification can average a
 * clip's frames and splits can keep a clip on one side. Ids name their clip in one of two ways: a path-like id names
 * the clip by everything before its last '/' (a video dataset's {@code <class>/<video>/f<frame>}); otherwise a
 * trailing {@code -f<digits>} is the frame within the clip (synthetic sequences' {@code seq-0003-f02} and action
 * clips' {@code clip-0003-f02}). A pair whose id does neither is a clip of its own.
 */
public final class Clips {
    private static final Pattern FRAME_SUFFIX = Pattern.compile("-f\\d+$");

    private Clips() {
    }

    /** The clip a pair belongs to. */
    public static String of(Pair pair) {
        return of(pair.id());
    }

    /** The clip of a pair id. */
    public static String of(String id) {
        int slash = id.lastIndexOf('/');
        if (slash > 0) {
            return id.substring(0, slash);
        }
        String clip = FRAME_SUFFIX.matcher(id).replaceFirst("");
        return clip.isEmpty() ? id : clip;
    }

    /** The pairs grouped by clip, clips in the order their first pair comes, pairs in their given order. */
    public static Map<String, List<Pair>> group(List<Pair> pairs) {
        Map<String, List<Pair>> clips = new LinkedHashMap<>();
        for (Pair p : pairs) {
            clips.computeIfAbsent(of(p), k -> new ArrayList<>()).add(p);
        }
        return clips;
    }
}
