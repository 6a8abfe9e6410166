package io.vrrpd.hooks.nfs;

import io.vrrpd.hooks.ScriptRun;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Checks that each export is served, as a client would see it, before the VIP goes up: libnfs's
 * {@code nfs-ls nfs://ADDRESS/PSEUDO?version=4} from the node itself. Through the node's own address, not
 * 127.0.0.1 (loopback is not among the export's clients, so ganesha hides the export from it); a directory
 * listing, which ganesha answers during its grace period, where opening a file would be refused with
 * NFS4ERR_GRACE. Retried every 200 ms until the deadline: the listener may come up a moment after the
 * ready line.
 */
final class GaneshaServed implements Step {
    private static final Duration RETRY = Duration.ofMillis(200);
    /**
     * How long the check keeps trying: ganesha answers within a second of its ready line; an export that
     * is still not served after this is misconfigured (e.g. the node's address is not among its clients).
     */
    static final Duration MAX_WAIT = Duration.ofSeconds(15);

    private final NfsSettings settings;
    private final Commands commands;
    private final Set<String> virtualIps;

    /** @param virtualIps the instance's VIPs without prefix length, never used as the node's own address */
    GaneshaServed(NfsSettings settings, Commands commands, Set<String> virtualIps) {
        this.settings = settings;
        this.commands = commands;
        this.virtualIps = Set.copyOf(virtualIps);
    }

    @Override
    public String name() {
        return "served";
    }

    @Override
    public String takeOver(Deadline overall) throws StepFailure, InterruptedException {
        Deadline capped = Deadline.after(MAX_WAIT);
        Deadline d = capped.endNanos() - overall.endNanos() < 0 ? capped : overall;
        String address = settings.verifyAddress() != null ? settings.verifyAddress() : ownAddress(virtualIps);
        String host = address.contains(":") ? "[" + address + "]" : address;
        String port = settings.port() == 2049 ? "" : ":" + settings.port();
        for (NfsExport e : settings.exports()) {
            String url = "nfs://" + host + port + e.pseudo() + "?version=4";
            ScriptRun last;
            while (true) {
                last = commands.run(d, List.of(settings.tools().nfsLs(), url));
                if (last.succeeded() || d.passed() || last.status() == ScriptRun.Status.NOT_STARTED) {
                    break;
                }
                Thread.sleep(d.cap(RETRY).toMillis());
            }
            if (!last.succeeded()) {
                throw new StepFailure("export " + e.pseudo() + " is not served at " + url + ": "
                        + Commands.failure(last) + " (is " + address + " among the export's clients?)");
            }
        }
        return "served at " + address;
    }

    @Override
    public String release(Deadline d) {
        return "nothing to undo";
    }

    /** The first IPv4 address of an interface that is up, not loopback and not one of the VIPs. */
    static String ownAddress(Set<String> virtualIps) throws StepFailure {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !virtualIps.contains(a.getHostAddress())) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            throw new StepFailure("cannot list this node's addresses: " + e.getMessage() + " (set verify_address)");
        }
        throw new StepFailure("this node has no IPv4 address besides loopback and the VIPs (set verify_address)");
    }
}
