package org.xmodal.engine.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import org.xmodal.engine.image.BadInputException;

/**
 * A run is trained by one engine at a time: the engine holds an exclusive lock on {@code engine.lock} in the run's
 * folder while it trains, with its pid written inside. The operating system releases the lock when the process
 * ends, however it ends, so a {@code kill -9} never leaves a stale one (the pid left in the file then means nothing).
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = "engine.lock";
    /** A probe of the workbench may hold the lock for an instant; an engine starting then retries this long. */
    private static final long RETRY_MILLIS = 1500;

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the run's lock for this process.
     *
     * @throws BadInputException naming the run's folder and the pid of the engine that holds the lock
     */
    public static RunLock acquire(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            long deadline = System.currentTimeMillis() + RETRY_MILLIS;
            FileLock lock = tryLock(channel, false);
            while (lock == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                lock = tryLock(channel, false);
            }
            if (lock == null) {
                OptionalLong pid = pidIn(channel);
                channel.close();
                throw new BadInputException(runDir, "is being trained by another engine"
                        + (pid.isPresent() ? " (pid " + pid.getAsLong() + ")" : "") + "; stop it first, or wait for "
                        + "it to end");
            }
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
            return new RunLock(channel, lock);
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while taking the lock of " + runDir, e);
        } catch (IOException | RuntimeException e) {
            if (channel.isOpen()) {
                channel.close();
            }
            throw e;
        }
    }

    /**
     * The pid of the engine that trains the run now (-1 if it cannot be read), or empty when none does. Takes a shared
     * lock for an instant, which an engine starting at that moment waits out.
     */
    public static OptionalLong holder(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock probe = tryLock(channel, true);
            if (probe != null) {
                probe.release();
                return OptionalLong.empty();
            }
            OptionalLong pid = pidIn(channel);
            return pid.isPresent() ? pid : OptionalLong.of(-1);
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Refuses a run that an engine trains now.
     *
     * @throws BadInputException naming the run's folder and the pid of the engine that holds it
     */
    public static void checkFree(Path runDir) throws IOException {
        OptionalLong pid = holder(runDir);
        if (pid.isPresent()) {
            throw new BadInputException(runDir, "is being trained by another engine"
                    + (pid.getAsLong() > 0 ? " (pid " + pid.getAsLong() + ")" : "") + "; stop it first");
        }
    }

    /** Null when another process holds a conflicting lock; this JVM's own lock counts as held too. */
    private static FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
        try {
            return channel.tryLock(0, Long.MAX_VALUE, shared);
        } catch (OverlappingFileLockException heldHere) {
            return null;
        }
    }

    private static OptionalLong pidIn(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        channel.read(b, 0);
        String text = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
        try {
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
