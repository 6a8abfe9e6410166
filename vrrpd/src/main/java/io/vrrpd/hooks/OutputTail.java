package io.vrrpd.hooks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Reads one output stream of a script on its own thread, logs each line at INFO with a prefix, and
 * keeps only the last {@code limit} characters: a chatty script cannot grow our memory.
 */
final class OutputTail implements Runnable {

    private final InputStream stream;
    private final Logger log;
    private final String prefix;
    private final int limit;
    private final StringBuilder tail = new StringBuilder();
    private final CountDownLatch ended = new CountDownLatch(1);
    private String lastLine = "";

    OutputTail(InputStream stream, Logger log, String prefix, int limit) {
        this.stream = stream;
        this.log = log;
        this.prefix = prefix;
        this.limit = limit;
    }

    /** Starts the reader thread (a daemon: a backgrounded child holding the pipe must not keep us up). */
    OutputTail start(String threadName) {
        Thread t = new Thread(this, threadName);
        t.setDaemon(true);
        t.start();
        return this;
    }

    @Override
    public void run() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.info("{}: {}", prefix, line);
                append(line);
            }
        } catch (IOException e) {
            log.debug("{}: output closed: {}", prefix, e.toString());
        } finally {
            ended.countDown();
        }
    }

    private synchronized void append(String line) {
        if (!line.isBlank()) {
            lastLine = line.strip();
        }
        tail.append(line).append('\n');
        if (tail.length() > limit) {
            tail.delete(0, tail.length() - limit);
        }
    }

    /** Waits a little for the stream to end (the script exited, but a child may still hold the pipe). */
    void awaitEnd(long millis) throws InterruptedException {
        ended.await(millis, TimeUnit.MILLISECONDS);
    }

    synchronized String text() {
        return tail.toString();
    }

    synchronized String lastLine() {
        return lastLine;
    }
}
