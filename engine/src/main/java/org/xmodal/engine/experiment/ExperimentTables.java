package org.xmodal.engine.experiment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.Locale;
import org.xmodal.engine.image.OutputFiles;

/** What every experiment's tables share: the summary as CSV, and numbers as the tables print them. */
public final class ExperimentTables {
    private ExperimentTables() {
    }

    /**
     * {@code arm,class,mean,std,seeds}: each arm's main metric (its name in the class column: {@code mAP},
     * {@code accuracy}) and every class's value, as fractions.
     */
    public static String csv(ExperimentSummary summary) {
        StringBuilder s = new StringBuilder("arm,class,mean,std,seeds\n");
        summary.arms().forEach((name, a) -> {
            int seeds = a.score().seeds().size();
            s.append(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%d%n", name, summary.metric(), a.score().mean(),
                    a.score().std(), seeds));
            a.perClass().forEach((c, st) -> s.append(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%d%n", name, c,
                    st.mean(), st.std(), seeds)));
        });
        return s.toString();
    }

    /** A fraction as percent, mean ± std: {@code 33.9 ± 1.7}. */
    public static String pm(double mean, double std) {
        return String.format(Locale.ROOT, "%.1f ± %.1f", 100 * mean, 100 * std);
    }

    static void write(Path file, String text) throws IOException {
        OutputFiles.replace(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /**
     * What an accuracy experiment writes to {@code results/}: summary.json, NAME.md, NAME.csv, NAME-seeds.csv and,
     * with the viz module on the class path, report.html (a line says so when it is not).
     */
    static void writeResults(ExperimentLayout layout, String name, ExperimentSummary summary, String markdown,
                             String seedsCsv, ExperimentReport report, ExperimentOutput output) throws IOException {
        Path results = layout.results();
        write(results.resolve(name + ".md"), markdown);
        write(results.resolve(name + ".csv"), csv(summary));
        write(results.resolve(name + "-seeds.csv"), seedsCsv);
        boolean drawn = false;
        for (ExperimentReportWriter w : java.util.ServiceLoader.load(ExperimentReportWriter.class)) {
            w.write(report, results);
            drawn = true;
        }
        if (!drawn) {
            output.line("report.html not written: the viz module is not on the class path (the launcher has it)");
        }
        // last: its presence says the experiment finished, everything in results/ written (what the window waits for)
        summary.write(layout.summary());
    }
}
