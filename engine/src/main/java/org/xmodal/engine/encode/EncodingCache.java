package org.xmodal.engine.encode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.xmodal.engine.data.Pair;
import org.xmodal.engine.data.PairFiles;

/**
 * Where encoded images live: {@code <root>/<kind>/<ab>/<key>.<ext>}, the key a SHA-256 of the pair's input bytes,
 * the encoder's full parameter fingerprint (which includes its version). A changed parameter or input file gives a
 * new key, so a stale image is never served; files are written atomically, so a crash never leaves a half image.
 */
public final class EncodingCache {
    private final Path root;

    public EncodingCache(Path root) {
        this.root = root;
    }

    /** {@code $XDG_CACHE_HOME/xmodal}, else {@code ~/.cache/xmodal}. */
    public static EncodingCache userDefault() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return under(xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"));
    }

    /** The cache of an engine process whose {@code XDG_CACHE_HOME} is {@code cacheHome}. */
    public static EncodingCache under(Path cacheHome) {
        return new EncodingCache(cacheHome.resolve("xmodal"));
    }

    public Path root() {
        return root;
    }

    public Path file(String kind, String key, String extension) {
        return root.resolve(kind).resolve(key.substring(0, 2)).resolve(key + "." + extension);
    }

    /**
     * The key of a pair under an encoder fingerprint. Folder pairs are keyed by the bytes of their input files;
     * pairs inside a container file (NYU's .mat) by the container's path, size and modification time and the
     * pair's position in it.
     */
    public static String key(Pair pair, Path datasetRoot, String fingerprint) throws IOException {
        MessageDigest sha = sha256();
        sha.update(fingerprint.getBytes(StandardCharsets.UTF_8));
        PairFiles f = pair.files();
        if (f != null) {
            digestFile(sha, f.rgb());
            digestFile(sha, f.partner());
            if (f.rawDepth() != null) {
                digestFile(sha, f.rawDepth());
            }
        } else {
            String container = datasetRoot.toAbsolutePath().normalize() + "|" + Files.size(datasetRoot) + "|"
                    + Files.getLastModifiedTime(datasetRoot).toMillis() + "|" + pair.index() + "|" + pair.location();
            sha.update(container.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void digestFile(MessageDigest sha, Path file) throws IOException {
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
            }
        }
        sha.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
