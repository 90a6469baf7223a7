package org.xmodal.engine.data.folder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.xmodal.engine.data.Corruption;
import org.xmodal.engine.data.Modality;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairedDataset;
import org.xmodal.engine.data.Split;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.Json;
import org.xmodal.engine.json.UserJson;
import org.xmodal.engine.task.Cancellation;
import org.xmodal.engine.task.Parallel;
import org.xmodal.engine.task.ProgressListener;

/**
 * Makes a noisy copy of a folder dataset (Xia et al. 2023's setting): a chosen fraction of its train pairs get their
 * RGB image, the teacher's view, spoiled while the student's view (depth or flow) and everything else stays as it was,
 * and {@code dataset.json} records per pair how ({@link Corruption}). Test pairs are never touched: evaluation is on
 * clean pairs.
 *
 * <p>Which pairs, which kind and every pixel follow from the seed alone, so the same arguments write byte-identical
 * files. The RGB an image is replaced by (neighbour, swap) is always the clean RGB of another train pair of the input,
 * never a test image. A pair the input already marks corrupted is copied as it is, and is neither chosen nor used as
 * a source. Where a corrupted pair's RGB file is also used by another pair (a frame of a flow sequence is one pair's
 * RGB and the previous pair's next frame), or is not a PNG, the spoiled image is written to
 * {@code rgb_corrupted/ID.png} instead and the entry points there, so no other pair's view changes.
 */
public final class DatasetCorruptor {
    /** Where spoiled images go when they cannot replace the pair's RGB file in place. */
    public static final String CORRUPTED_RGB_FOLDER = "rgb_corrupted";
    /** The grey of a blanked image (each channel). */
    public static final int GREY = 128;
    /** A shift moves the image by this fraction of its width (and height) at least... */
    public static final double MIN_SHIFT = 0.10;
    /** ... and at most. */
    public static final double MAX_SHIFT = 0.25;
    /** An occluding box covers this fraction of the image at least... */
    public static final double MIN_OCCLUSION = 0.30;
    /** ... and at most. */
    public static final double MAX_OCCLUSION = 0.60;

    private DatasetCorruptor() {
    }

    /**
     * What was corrupted.
     *
     * @param trainPairs the input's usable train pairs (the fraction is of these)
     * @param counts     how many pairs of each kind were corrupted (every kind present, possibly 0)
     * @param corrupted  the corrupted pairs by id, sorted
     */
    public record Report(Path out, int trainPairs, Map<Corruption.Kind, Integer> counts,
                         Map<String, Corruption> corrupted) {
        public Report {
            EnumMap<Corruption.Kind, Integer> all = new EnumMap<>(Corruption.Kind.class);
            for (Corruption.Kind k : Corruption.Kind.values()) {
                all.put(k, counts.getOrDefault(k, 0));
            }
            counts = Collections.unmodifiableMap(all);
            corrupted = Collections.unmodifiableMap(new TreeMap<>(corrupted));
        }

        /** How many pairs were corrupted in all. */
        public int total() {
            return corrupted.size();
        }

        public int count(Corruption.Kind kind) {
            return counts.get(kind);
        }
    }

    /**
     * Writes a copy of the folder dataset {@code in} to {@code out} in which round({@code fraction} x train pairs)
     * train pairs, chosen by {@code seed}, have their RGB image corrupted, each by a kind drawn uniformly from those of
     * {@code kinds} that are possible for it (neighbour needs another train pair of its scene class or an adjacent
     * frame, swap a train pair of another scene class).
     *
     * @param out a new or empty folder
     * @throws IllegalArgumentException for a fraction outside [0, 1], no kinds, or an {@code out} that is not a new or
     *                                  empty folder outside {@code in}
     * @throws BadInputException        when {@code in} is not a folder dataset, or has too few pairs for what is asked
     */
    public static Report corrupt(Path in, Path out, double fraction, long seed, Set<Corruption.Kind> kinds,
                                 ProgressListener progress) throws IOException {
        checkArguments(fraction, kinds);
        checkFolders(in, out);
        if (Files.isDirectory(out) && !isEmpty(out)) {
            throw new IllegalArgumentException(out + ": is not empty; the corrupted copy needs a new or empty folder"
                    + " (choose another --out)");
        }
        return corruptInto(in, out, in.toString(), fraction, seed, kinds, progress);
    }

    /**
     * As {@link #corrupt}, for a writer that has prepared {@code out} itself (the synthetic generator, which corrupts
     * what it generated in a temporary folder): {@code out} may already hold the writer's own files, and
     * {@code source} names the input in the provenance note instead of {@code in}'s path (which is temporary).
     */
    public static Report corruptInto(Path in, Path out, String source, double fraction, long seed,
                                     Set<Corruption.Kind> kinds, ProgressListener progress) throws IOException {
        checkArguments(fraction, kinds);
        checkFolders(in, out);
        ProgressListener p = progress == null ? ProgressListener.NONE : progress;
        DatasetManifest manifest;
        List<Pair> valid;
        Modality modality;
        try (PairedDataset ds = FolderDatasetLoader.load(in, (m, f) -> p.progress(m, f < 0 ? f : 0.3 * f),
                Cancellation.NEVER)) {
            valid = ds.pairs();
            modality = ds.modality();
        }
        Path manifestFile = in.resolve(DatasetManifest.FILE_NAME);
        manifest = Files.isRegularFile(manifestFile) ? UserJson.read(manifestFile, DatasetManifest.class,
                "dataset manifest") : ManifestInference.infer(in, new ArrayList<>());

        List<Planned> plan = plan(in, manifest, valid, modality, fraction, seed, kinds);
        Set<String> replaced = plan.stream().map(Planned::target).collect(Collectors.toSet());
        DatasetFiles.copyTree(in, out, replaced, false, p);

        Corruption[] done = new Corruption[plan.size()];
        AtomicInteger finished = new AtomicInteger();
        try {
            Parallel.forEach(plan.size(), i -> {
                try {
                    done[i] = CorruptedImages.render(plan.get(i), out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                int n = finished.incrementAndGet();
                p.progress("corrupted " + n + " of " + plan.size() + " RGB images", 0.5 + 0.5 * n / plan.size());
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }

        Map<String, Planned> byId = new HashMap<>();
        Map<String, Corruption> corrupted = new TreeMap<>();
        EnumMap<Corruption.Kind, Integer> counts = new EnumMap<>(Corruption.Kind.class);
        for (int i = 0; i < plan.size(); i++) {
            byId.put(plan.get(i).pair().id(), plan.get(i));
            corrupted.put(plan.get(i).pair().id(), done[i]);
            counts.merge(done[i].kind(), 1, Integer::sum);
        }
        List<DatasetManifest.Entry> entries = new ArrayList<>();
        for (DatasetManifest.Entry e : manifest.pairs()) {
            Planned planned = byId.get(e.id());
            entries.add(planned == null ? e : e.withCorruptedRgb(planned.target(), corrupted.get(e.id())));
        }
        int trainPairs = (int) valid.stream().filter(v -> v.split() == Split.TRAIN).count();
        Map<String, Object> provenance = new LinkedHashMap<>(manifest.provenance() == null ? Map.of()
                : manifest.provenance());
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("fraction", fraction);
        note.put("seed", seed);
        note.put("kinds", kinds.stream().sorted().map(Corruption.Kind::id).toList());
        note.put("in", source);
        note.put("trainPairs", trainPairs);
        Map<String, Integer> perKind = new LinkedHashMap<>();
        counts.forEach((k, n) -> perKind.put(k.id(), n));
        note.put("corrupted", perKind);
        Object earlier = provenance.get("corruption");
        if (earlier == null) {
            provenance.put("corruption", note);
        } else {
            List<Object> notes = new ArrayList<>(earlier instanceof List<?> l ? l : List.of(earlier));
            notes.add(note);
            provenance.put("corruption", notes);
        }
        DatasetManifest written = new DatasetManifest(manifest.format(), manifest.version(), manifest.name(),
                manifest.modality(), manifest.camera(), manifest.depthUnitsPerMetre(), manifest.classes(),
                manifest.sceneClasses(), manifest.taskIrrelevantScenes(), provenance, entries);
        Json.writeAtomically(written, out.resolve(DatasetManifest.FILE_NAME));
        p.progress("corrupted " + plan.size() + " of " + trainPairs + " train pairs", 1);
        return new Report(out, trainPairs, counts, corrupted);
    }

    private static void checkArguments(double fraction, Set<Corruption.Kind> kinds) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the fraction of train pairs to corrupt must be between 0 and 1, got "
                    + fraction);
        }
        if (kinds == null || kinds.isEmpty()) {
            throw new IllegalArgumentException("no corruption kinds given; choose some of shift, neighbour, occlusion,"
                    + " blank and swap");
        }
    }

    private static void checkFolders(Path in, Path out) throws BadInputException {
        if (!Files.isDirectory(in)) {
            throw new BadInputException(in, Files.exists(in) ? "is not a folder; a folder dataset was expected"
                    : "does not exist");
        }
        if (!FolderDatasetLoader.looksLikeFolderDataset(in)) {
            throw new BadInputException(in, "is not a folder dataset: it has no dataset.json (nor rgb/ and depth/"
                    + " folders); only folder datasets can be corrupted");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + ": is a file; the corrupted copy needs a folder");
        }
        Path a = in.toAbsolutePath().normalize();
        Path b = out.toAbsolutePath().normalize();
        try {
            a = in.toRealPath();
            if (Files.exists(out)) {
                b = out.toRealPath();
            }
        } catch (IOException e) {
            // the plain paths are compared
        }
        if (b.startsWith(a)) {
            throw new IllegalArgumentException(out + ": is " + (b.equals(a) ? "" : "inside ") + "the dataset being "
                    + "corrupted; write the copy to a folder outside " + in);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * A pair to corrupt: the kind, its random parameters (fractions in [0, 1), fixed before any pixel is read so
     * that the images do not depend on the order they are made in), the source pair for neighbour and swap, and the
     * file (relative to the output) the spoiled image is written to.
     */
    record Planned(Pair pair, Corruption.Kind kind, double[] params, Pair source, String sourceNote,
                           String target) {
    }

    private static List<Planned> plan(Path in, DatasetManifest manifest, List<Pair> valid, Modality modality,
                                      double fraction, long seed, Set<Corruption.Kind> kinds)
            throws BadInputException {
        List<Pair> train = valid.stream().filter(v -> v.split() == Split.TRAIN && !v.corrupted())
                .sorted(Comparator.comparing(Pair::id)).toList();
        int trainPairs = (int) valid.stream().filter(v -> v.split() == Split.TRAIN).count();
        int wanted = (int) Math.round(fraction * trainPairs);
        if (wanted == 0) {
            return List.of();
        }
        Map<String, List<Pair>> byScene = new TreeMap<>();
        for (Pair t : train) {
            t.annotation().scene().ifPresent(s -> byScene.computeIfAbsent(s, k -> new ArrayList<>()).add(t));
        }
        Map<Path, Pair> byRgb = new HashMap<>();
        Map<Path, Pair> byNext = new HashMap<>();
        if (modality == Modality.FLOW) {
            for (Pair t : train) {
                byRgb.putIfAbsent(t.files().rgb().normalize(), t);
                byNext.putIfAbsent(t.files().partner().normalize(), t);
            }
        }
        List<Corruption.Kind> asked = kinds.stream().sorted().toList();
        Map<Pair, List<Corruption.Kind>> possible = new LinkedHashMap<>();
        for (Pair t : train) {
            List<Corruption.Kind> ok = new ArrayList<>();
            for (Corruption.Kind k : asked) {
                boolean can = switch (k) {
                    case NEIGHBOUR -> !adjacent(t, byRgb, byNext).isEmpty() || !sameScene(t, byScene).isEmpty();
                    case SWAP -> !otherScene(t, byScene).isEmpty();
                    default -> true;
                };
                if (can) {
                    ok.add(k);
                }
            }
            if (!ok.isEmpty()) {
                possible.put(t, ok);
            }
        }
        if (possible.size() < wanted) {
            int already = trainPairs - train.size();
            throw new BadInputException(in, "has " + trainPairs + " train pairs, so " + wanted + " are to be corrupted,"
                    + " but only " + possible.size() + " can be with " + asked.stream().map(Corruption.Kind::id)
                    .collect(Collectors.joining(", ")) + " (" + (already == 0 ? "" : already + " are corrupted "
                    + "already and not chosen again; ") + "neighbour needs another clean train pair of the same scene "
                    + "class or an adjacent frame, swap a clean train pair of another scene class); lower the fraction"
                    + " or add kinds");
        }
        Random rng = new Random(seed);
        List<Pair> chosen = new ArrayList<>(possible.keySet());
        Collections.shuffle(chosen, rng);
        chosen = new ArrayList<>(chosen.subList(0, wanted));
        chosen.sort(Comparator.comparing(Pair::id));

        Set<String> used = usedPaths(manifest);
        Set<String> names = new HashSet<>();
        List<Planned> plan = new ArrayList<>();
        for (Pair t : chosen) {
            List<Corruption.Kind> ok = possible.get(t);
            Corruption.Kind kind = ok.get(rng.nextInt(ok.size()));
            double[] params = new double[6];
            for (int i = 0; i < params.length; i++) {
                params[i] = rng.nextDouble();
            }
            Pair source = null;
            String sourceNote = null;
            if (kind == Corruption.Kind.NEIGHBOUR) {
                List<Pair> frames = adjacent(t, byRgb, byNext);
                if (!frames.isEmpty()) {
                    source = frames.get(rng.nextInt(frames.size()));
                    sourceNote = "taken from the " + (source.files().rgb().normalize()
                            .equals(t.files().partner().normalize()) ? "next" : "previous") + " frame, " + source.id();
                } else {
                    List<Pair> same = sameScene(t, byScene);
                    source = same.get(rng.nextInt(same.size()));
                    sourceNote = "taken from " + source.id() + ", another " + scene(source) + " view";
                }
            } else if (kind == Corruption.Kind.SWAP) {
                List<Pair> other = otherScene(t, byScene);
                source = other.get(rng.nextInt(other.size()));
                sourceNote = "swapped with " + source.id() + " (" + scene(source) + "), another scene class";
            }
            plan.add(new Planned(t, kind, params, source, sourceNote, target(in, t, used, names)));
        }
        return plan;
    }

    private static String scene(Pair p) {
        return p.annotation().scene().orElse("?").replace('_', ' ');
    }

    /** The train pairs whose RGB is the frame after or before {@code t}'s (flow sequences only). */
    private static List<Pair> adjacent(Pair t, Map<Path, Pair> byRgb, Map<Path, Pair> byNext) {
        List<Pair> out = new ArrayList<>();
        Pair following = byRgb.get(t.files().partner().normalize());
        Pair preceding = byNext.get(t.files().rgb().normalize());
        if (following != null && following != t) {
            out.add(following);
        }
        if (preceding != null && preceding != t) {
            out.add(preceding);
        }
        return out;
    }

    private static List<Pair> sameScene(Pair t, Map<String, List<Pair>> byScene) {
        return t.annotation().scene().map(s -> byScene.getOrDefault(s, List.of()).stream().filter(o -> o != t)
                .toList()).orElse(List.of());
    }

    private static List<Pair> otherScene(Pair t, Map<String, List<Pair>> byScene) {
        if (t.annotation().scene().isEmpty()) {
            return List.of();
        }
        String own = t.annotation().scene().get();
        List<Pair> out = new ArrayList<>();
        byScene.forEach((s, pairs) -> {
            if (!s.equals(own)) {
                out.addAll(pairs);
            }
        });
        return out;
    }

    /** Every file the manifest names, normalised, each with how many times it is named. */
    private static Set<String> usedPaths(DatasetManifest m) {
        Map<String, Integer> uses = new HashMap<>();
        for (DatasetManifest.Entry e : m.pairs()) {
            for (String f : new String[] {e.rgb(), e.depth(), e.depthRaw(), e.next(), e.flow(), e.annotations(),
                    e.instances()}) {
                if (f != null && !f.isBlank()) {
                    uses.merge(normal(f), 1, Integer::sum);
                }
            }
        }
        return uses.entrySet().stream().filter(en -> en.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static String normal(String relative) {
        return Path.of(relative).normalize().toString().replace('\\', '/');
    }

    /** Where {@code t}'s spoiled image goes, relative to the output folder. */
    private static String target(Path in, Pair t, Set<String> shared, Set<String> names) {
        String own = normal(in.toAbsolutePath().normalize().relativize(t.files().rgb().toAbsolutePath().normalize())
                .toString());
        if (!shared.contains(own) && own.toLowerCase(Locale.ROOT).endsWith(".png")) {
            return own;
        }
        String name = t.id().replaceAll("[^A-Za-z0-9._-]", "_");
        if (!names.add(name)) {
            name = name + "-" + t.index();
            names.add(name);
        }
        return CORRUPTED_RGB_FOLDER + "/" + name + ".png";
    }
}
