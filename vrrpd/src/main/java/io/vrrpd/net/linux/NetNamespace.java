package io.vrrpd.net.linux;

import io.vrrpd.net.SyscallException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Moves the calling thread into a named network namespace ({@code ip netns add NAME} creates
 * /run/netns/NAME). setns(2) with CLONE_NEWNET changes only the calling thread; sockets it
 * creates afterwards belong to that namespace for their whole life, whichever thread uses
 * them. That makes every object in this package bound to the namespace of the thread that
 * opened it. Meant for tests and the lab: the daemon itself runs in one namespace.
 */
public final class NetNamespace {
    private NetNamespace() {
    }

    /** Moves the calling thread into /run/netns/{@code name}. Irreversible for this thread. */
    public static void enter(String name) throws SyscallException {
        String path = name.startsWith("/") ? name : "/run/netns/" + name;
        int fd = Syscalls.openReadOnly(path, null);
        try {
            Syscalls.setnsNet(fd, name);
        } finally {
            Syscalls.closeQuietly(fd);
        }
    }

    /**
     * Runs {@code task} on a fresh thread inside namespace {@code name} and returns its result;
     * the caller's own thread never changes namespace.
     */
    public static <T> T call(String name, Callable<T> task) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                enter(name);
                result.set(task.call());
            } catch (Throwable e) { // includes test assertion errors, rethrown on the caller
                failure.set(e);
            }
        }, "netns-" + name);
        t.start();
        t.join();
        Throwable e = failure.get();
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw (Exception) e;
        }
        return result.get();
    }
}
