package io.vrrpd.lab;

import java.time.Duration;

/**
 * One hard failover of the NFS pair and its measurement, shared by {@code NfsFailoverIT} and
 * {@link NfsFailoverBenchmark}: the master's vrrpd is SIGKILLed (whole tree), its ganesha SIGKILLed, its
 * cable cut; the outage is what {@link NfsOutageProbe} saw on the client, through the VIP.
 */
public final class NfsFailover {
    /** The acceptance bound of one failover, grace period included. */
    public static final Duration BOUND = Duration.ofSeconds(30);

    private NfsFailover() {
    }

    /** Crashes server {@code i}: vrrpd SIGKILLed with its children, ganesha SIGKILLed, link down. */
    public static void crash(NfsPair pair, Vrrpd master, int i) {
        master.process().killTree(Signal.KILL);
        NfsPair.killGanesha(pair.server(i));
        pair.server(i).linkDown();
    }

    /**
     * Crashes the master (server {@code from}) while the client probes, and waits until the client has had
     * a good round after the crash on the other server.
     *
     * @return the outage the client saw
     * @throws LabException when the client never recovers within twice the bound
     */
    public static NfsOutageProbe.Outage measure(NfsPair pair, Vrrpd master, int from, String probeName) {
        NfsClient client = pair.nfsClient();
        try (NfsOutageProbe probe = NfsOutageProbe.start(client, probeName)) {
            if (!Lab.waitUntil(Duration.ofSeconds(10), () -> probe.succeededAfter(System.nanoTime() - 1_000_000_000L))) {
                throw new LabException("the client cannot use the export before the failover");
            }
            long crash = System.nanoTime();
            crash(pair, master, from);
            if (!Lab.waitUntil(BOUND.multipliedBy(2), () -> probe.succeededAfter(crash + 500_000_000L))) {
                throw new LabException("the client did not recover within " + BOUND.multipliedBy(2).toSeconds()
                        + " s of the crash of n" + from);
            }
            // One more good round so the end of the gap is certain.
            Lab.sleep(Duration.ofMillis(500));
            return probe.outage();
        }
    }
}
