package io.vrrpd.net;

import java.io.IOException;

/**
 * A failed system call, named with its arguments, e.g.
 * {@code setsockopt(IP_ADD_MEMBERSHIP, 224.0.0.18, eth0): Operation not permitted (needs CAP_NET_RAW)}.
 *
 * <p>The message is a single line fit for a log or a user; no stack trace is needed to
 * understand it. {@link #errno()} lets callers branch on the cause (e.g. ENODEV when an
 * interface vanished) without parsing text.
 */
public final class SyscallException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;
    private final String errnoName;

    /**
     * @param call the syscall and its arguments as the user would recognise them
     * @param errno the raw errno value
     * @param errnoName symbolic name, e.g. {@code EPERM}
     * @param description strerror-like text, e.g. {@code Operation not permitted}
     * @param capability the capability that would allow the call, or null; only mentioned for
     *     EPERM/EACCES, where it is the likely fix
     */
    public SyscallException(String call, int errno, String errnoName, String description, String capability) {
        super(format(call, errno, description, capability));
        this.call = call;
        this.errno = errno;
        this.errnoName = errnoName;
    }

    private static String format(String call, int errno, String description, String capability) {
        StringBuilder sb = new StringBuilder(call).append(": ").append(description);
        boolean denied = errno == 1 || errno == 13; // EPERM, EACCES
        if (denied && capability != null) {
            sb.append(" (needs ").append(capability).append(')');
        }
        return sb.toString();
    }

    /** The syscall and arguments, without the error text. */
    public String call() {
        return call;
    }

    /** The raw errno value. */
    public int errno() {
        return errno;
    }

    /** The symbolic errno name, e.g. {@code EADDRNOTAVAIL}; {@code errno <n>} when unknown. */
    public String errnoName() {
        return errnoName;
    }
}
