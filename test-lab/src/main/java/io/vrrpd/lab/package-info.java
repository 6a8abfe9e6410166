/**
 * The network-namespace lab: namespaces on a bridge (192.0.2.0/24 only), nodes running vrrpd or
 * keepalived, link cuts, captures, and teardown that always runs.
 *
 * <pre>{@code
 * try (Lab lab = Lab.create(2)) {                       // switch + n1 (192.0.2.11) + n2 (192.0.2.12)
 *     Capture cap = Capture.start(lab.node(2), "capture");
 *     Keepalived k1 = Keepalived.start(lab.node(1), Keepalived.seedDatabaseConfig("MASTER", 101));
 *     LabProcess v2 = lab.node(2).start("vrrpd", List.of("/path/to/bin/vrrpd", "--config", conf));
 *     k1.awaitState("VI_1", "MASTER", Duration.ofSeconds(10));
 *     k1.process().killTree(Signal.KILL);                // a crash
 *     Lab.waitUntil(Duration.ofSeconds(5), () -> lab.node(2).hasAddress(Keepalived.SEED_VIP));
 *     cap.stop();
 *     List<VrrpAdvert> adverts = cap.vrrpAdverts();
 * }                                                     // processes stopped, namespaces gone
 * }</pre>
 *
 * Lab tests are JUnit 5 classes named {@code *IT} annotated {@code @LabTest} (in this module's test sources):
 * failsafe runs them in {@code mvn verify}, and they skip with a reason when not root or a tool is missing.
 * After a crash, {@code scripts/lab-sweep.sh} removes namespaces of dead runs.
 */
package io.vrrpd.lab;
