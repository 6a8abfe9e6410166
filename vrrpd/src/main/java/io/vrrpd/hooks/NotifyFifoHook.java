package io.vrrpd.hooks;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's {@code notify_fifo} / {@code vrrp_notify_fifo} (keepalived.conf(5)): one line per
 * transition, {@code INSTANCE "VI_1" MASTER 100} (or {@code GROUP "G1" BACKUP 0}), written to a FIFO
 * that an external reader consumes.
 *
 * <p>Never blocks. Like keepalived, the FIFO is opened read-write, which on Linux neither blocks nor
 * fails when no reader is attached (fifo(7)) and keeps the pipe alive between readers, so a reader that
 * attaches late still gets the recent lines. A write that would not fit into the pipe's guaranteed
 * minimum capacity of one page (pipe(7): a pipe may be shrunk to one page), judged from the bytes still
 * unread ({@code FIONREAD}), is not attempted: the line is counted in {@link #droppedLines()} and the
 * run reported SKIPPED. With no reader at all that happens once about 4 KiB of lines are waiting.
 *
 * <p>The path must exist and be a FIFO (not followed if a symlink); this hook does not create it. One
 * hook may be shared by all instances; writes are serialized and each line is shorter than
 * {@code PIPE_BUF}, so lines never interleave.
 */
public final class NotifyFifoHook implements Hook, AutoCloseable {

    /** Bytes we allow to be waiting in the pipe: one page, the smallest capacity a pipe can have. */
    static final int SAFE_BACKLOG = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(NotifyFifoHook.class);

    private final Path fifo;
    private final NotifyTarget target;
    private final AtomicLong dropped = new AtomicLong();
    private RandomAccessFile file;
    private FileInputStream unread;

    public NotifyFifoHook(Path fifo, NotifyTarget target) {
        this.fifo = Objects.requireNonNull(fifo, "fifo");
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public String name() {
        return "notify-fifo";
    }

    @Override
    public Set<HookPhase> phases() {
        return EnumSet.of(HookPhase.NOTIFY);
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(2);
    }

    /** The line for a transition, without the newline: {@code INSTANCE "VI_1" MASTER 100}. */
    public String lineFor(HookContext context) {
        return target.name() + " \"" + context.instance() + "\" " + context.toState() + " "
                + target.reportedPriority(context);
    }

    @Override
    public HookReport run(HookPhase phase, HookContext context, Duration budget) {
        if (phase != HookPhase.NOTIFY || !NotifyScripts.isNotifiedState(context.toState())) {
            return HookReport.skipped("no FIFO line for " + context.toState());
        }
        String line = lineFor(context);
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                String problem = openIfNeeded();
                if (problem != null) {
                    return HookReport.failed(problem);
                }
                int waiting = unread.available();
                if (waiting + bytes.length > SAFE_BACKLOG) {
                    long count = dropped.incrementAndGet();
                    if (count == 1 || count % 100 == 0) {
                        LOG.warn("notify FIFO {} has {} unread bytes (no reader?): dropped {} line(s) so far",
                                fifo, waiting, count);
                    }
                    return HookReport.skipped("FIFO " + fifo + " full, no reader? line dropped (" + count + " so far)");
                }
                file.write(bytes);
                return HookReport.ok("wrote " + line + " to " + fifo);
            } catch (IOException e) {
                closeQuietly();
                return HookReport.failed("cannot write to notify FIFO " + fifo + ": " + HookLane.oneLine(e));
            }
        }
    }

    /** Lines not written because the FIFO was full. */
    public long droppedLines() {
        return dropped.get();
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private String openIfNeeded() throws IOException {
        if (file != null) {
            return null;
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(fifo, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return "notify FIFO " + fifo + " does not exist";
        }
        if (!attrs.isOther()) {
            return "notify FIFO " + fifo + " is not a FIFO";
        }
        // O_RDWR on a FIFO never blocks on Linux (fifo(7)), unlike O_WRONLY without a reader.
        file = new RandomAccessFile(fifo.toFile(), "rw");
        unread = new FileInputStream(file.getFD());
        return null;
    }

    private void closeQuietly() {
        try {
            if (file != null) {
                file.close();
            }
        } catch (IOException e) {
            LOG.debug("closing notify FIFO {}: {}", fifo, e.toString());
        }
        file = null;
        unread = null;
    }
}
