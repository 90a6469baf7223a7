package org.xmodal.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The bench's phases named by view (a view's first visit, its visits again) and the table of each view's worst FX
 * gap in both, which is what a person notices: the first click on a view that freezes the window, or a view that
 * stutters every time it is shown.
 */
public final class ViewVisits {
    private static final String FIRST = ": first visit";
    private static final String AGAIN = ": again";

    private ViewVisits() {
    }

    public static String firstVisit(String view) {
        return view + FIRST;
    }

    public static String again(String view) {
        return view + AGAIN;
    }

    /**
     * One line per view: the worst gap of its first visit and of its visits again (when it had any), each with the
     * most FX-thread CPU time in one gap ("busy"), which tells a blocked FX thread from a starved one.
     */
    public static List<String> table(List<String> views, List<FxPulseMonitor.Phase> phases) {
        Map<String, FxPulseMonitor.Phase> byName = phases.stream().collect(Collectors.toMap(
                FxPulseMonitor.Phase::name, Function.identity(), (a, b) -> a));
        int width = Math.max(4, views.stream().mapToInt(String::length).max().orElse(4));
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%-" + width + "s  %22s  %22s", "view", "first visit", "again"));
        for (String v : views) {
            out.add(String.format(Locale.ROOT, "%-" + width + "s  %22s  %22s", v,
                    cell(Optional.ofNullable(byName.get(firstVisit(v)))),
                    cell(Optional.ofNullable(byName.get(again(v))))));
        }
        return out;
    }

    /** The worst first visit of any view, 0 when no view was visited. */
    public static double worstFirstVisitMillis(List<FxPulseMonitor.Phase> phases) {
        return phases.stream().filter(p -> p.name().endsWith(FIRST)).mapToDouble(FxPulseMonitor.Phase::worstMillis)
                .max().orElse(0);
    }

    private static String cell(Optional<FxPulseMonitor.Phase> p) {
        return p.map(x -> String.format(Locale.ROOT, "%.0f ms (busy %.0f ms)", x.worstMillis(), x.busiestMillis()))
                .orElse("-");
    }
}
