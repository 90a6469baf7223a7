package org.xmodal.app.runs;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message of the engine's spec validation in the run form's words: the fields it names by their dotted path in
 * spec.json ({@code finetune.proposals must be at least 1}) named by the label the form shows them under for that
 * kind of run ({@code Proposals per image must be at least 1}), so that what is wrong can be found on the form.
 */
final class FormWords {
    /** The keys to look for, longest first so that {@code optimizer.backboneRate} wins over a shorter key. */
    private static final List<SpecField> BY_LENGTH = SpecForm.fields().stream()
            .sorted(Comparator.comparingInt((SpecField f) -> f.key().length()).reversed()).toList();

    private FormWords() {
    }

    /**
     * {@code message} with every field it names called by its label in the form of a run of {@code kind}. A dotted or
     * camel-case key ({@code teacher.tap}, {@code batchSize}) is replaced wherever it stands as a word; a key that is
     * also an English word ({@code data}, {@code seed}, {@code iterations}) only where it starts the message, as the
     * engine names the field it refuses ("data: the dataset path is required").
     */
    static String of(String message, String kind) {
        if (message == null) {
            return null;
        }
        String out = message;
        for (SpecField f : BY_LENGTH) {
            String key = f.key();
            String label = f.label(kind);
            if (key.contains(".") || !key.equals(key.toLowerCase(java.util.Locale.ROOT))) {
                out = Pattern.compile("(?<![A-Za-z0-9.])" + Pattern.quote(key) + "(?![A-Za-z0-9])")
                        .matcher(out).replaceAll(Matcher.quoteReplacement(label));
            } else if (out.startsWith(key) && (out.length() == key.length()
                    || !Character.isLetterOrDigit(out.charAt(key.length())) && out.charAt(key.length()) != '.')) {
                out = label + out.substring(key.length());
            }
        }
        return out;
    }
}
