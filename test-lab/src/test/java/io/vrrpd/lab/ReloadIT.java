package io.vrrpd.lab;

import static io.vrrpd.lab.SeedPair.VIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reloading a running master: a broken config is refused (vrrpctl exit 78 with located errors, SIGHUP logs
 * them) and the running instance goes on untouched; a priority-only change is applied in place (new
 * priority on the wire, no transition); an identical config changes nothing.
 */
@LabTest
class ReloadIT {

    private static final int BAD_CONFIG = 78;

    @Test
    void aBrokenConfigIsRefusedWithoutTouchingTheMasterAndAPriorityChangeIsAppliedInPlace() {
        SeedPair.run(pair -> {
            Node n1 = pair.n1();
            Vrrpd v1 = pair.v1();
            String good = SeedPair.seedConfig("db-primary.conf");
            assertTrue(good.contains("virtual_router_id 51") && good.contains("priority 101"), good);
            String broken = good.replace("virtual_router_id 51", "virtual_router_id 300")
                    + "vrrp_bogus_block {\n    nonsense 1\n}\n";
            int vridLine = lineOf(broken, "virtual_router_id 300");
            JsonNode before = pair.status1();
            Instant start = Instant.now();

            v1.rewriteConfig(broken);
            CommandResult refused = v1.ctl("reload");
            String said = refused.stdout() + refused.stderr();
            System.out.println("vrrpctl reload of a broken config: exit " + refused.exitCode() + ":\n" + said.strip());
            assertEquals(BAD_CONFIG, refused.exitCode(), said);
            assertTrue(said.contains(":" + vridLine + ":") && said.contains("virtual_router_id"),
                    "no located error for virtual_router_id 300 (line " + vridLine + "): " + said);
            assertTrue(said.contains("vrrp_bogus_block"), "the unknown block is not reported: " + said);
            Lab.sleep(Duration.ofMillis(2500));
            assertUntouched(pair, before, start, "after the refused vrrpctl reload");

            JsonNode beforeHup = pair.status1();
            Instant hup = Instant.now();
            v1.process().kill(Signal.HUP);
            String logged = v1.process().awaitLog("reload refused", Duration.ofSeconds(10));
            Lab.sleep(Duration.ofMillis(300));
            String log = v1.process().logText();
            assertTrue(log.contains(":" + vridLine + ":") && log.contains("vrrp_bogus_block"),
                    "SIGHUP's refusal does not log the located errors: " + logged + "\n" + v1.process().tail());
            Lab.sleep(Duration.ofMillis(2000));
            assertUntouched(pair, beforeHup, hup, "after the refused SIGHUP");

            v1.rewriteConfig(good.replace("priority 101", "priority 120"));
            CommandResult applied = v1.ctl("reload");
            // Taken once vrrpctl returned: adverts sent while it started up still carry 101.
            Instant retune = Instant.now();
            System.out.println("vrrpctl reload with priority 120: exit " + applied.exitCode() + ": "
                    + applied.stdout().strip() + applied.stderr().strip());
            assertEquals(0, applied.exitCode(), applied.toString());
            assertTrue(applied.stdout().contains("1 new priority"), applied.toString());
            Lab.sleep(Duration.ofMillis(2500));
            JsonNode s = pair.status1();
            assertEquals("MASTER", s.path("state").asText(), s.toString());
            assertEquals(120, s.path("effective_priority").asInt(), s.toString());
            assertEquals(before.path("counters").path("transitions").asInt(), s.path("counters").path("transitions").asInt(),
                    "the priority change caused a transition: " + s);
            List<VrrpAdvert> after = pair.capture().vrrpAdverts().stream()
                    .filter(a -> a.source().equals(n1.address()) && a.time().isAfter(retune)).toList();
            assertTrue(after.size() >= 2 && after.stream().allMatch(a -> a.priority() == 120),
                    "node 1's adverts after the reload are not all priority 120: " + after);

            CommandResult same = v1.ctl("reload");
            System.out.println("vrrpctl reload unchanged: exit " + same.exitCode() + ": " + same.stdout().strip());
            assertEquals(0, same.exitCode(), same.toString());
            assertTrue(same.stdout().contains("1 unchanged"), same.toString());
            Lab.sleep(Duration.ofMillis(1500));
            JsonNode last = pair.status1();
            assertEquals("MASTER", last.path("state").asText(), last.toString());
            assertEquals(before.path("counters").path("transitions").asInt(), last.path("counters").path("transitions").asInt(),
                    "the unchanged reload caused a transition: " + last);
            assertTrue(n1.hasAddress(VIP), n1.addresses().toString());

            List<VrrpAdvert> fromNode2 = pair.capture().vrrpAdverts().stream()
                    .filter(a -> a.source().equals(pair.n2().address())).toList();
            assertEquals(List.of(), fromNode2, "node 2 advertised, so it became master at some point");
            assertEquals(0, pair.status2().path("counters").path("became_master").asInt(), pair.status2().toString());
        });
    }

    /** State, VIP and counters go on as if nothing happened since {@code before} (taken at {@code since}). */
    private static void assertUntouched(SeedPair pair, JsonNode before, Instant since, String when) {
        JsonNode now = pair.status1();
        double elapsed = Duration.between(since, Instant.now()).toMillis() / 1000.0;
        assertEquals("MASTER", now.path("state").asText(), when + ": " + now);
        assertEquals(before.path("counters").path("transitions").asInt(), now.path("counters").path("transitions").asInt(),
                when + ": a transition happened: " + now);
        assertTrue(now.path("counters").path("adverts_sent").asLong() >= before.path("counters").path("adverts_sent").asLong() + 2,
                when + ": adverts_sent stopped growing: " + before.path("counters") + " -> " + now.path("counters"));
        // in_state_seconds keeps counting: a restart of the instance would have reset it to about 0.
        assertTrue(now.path("in_state_seconds").asDouble() >= before.path("in_state_seconds").asDouble() + elapsed - 1.0,
                when + ": in_state_seconds reset: " + before.path("in_state_seconds") + " -> " + now.path("in_state_seconds"));
        assertEquals(101, now.path("effective_priority").asInt(), when + ": " + now);
        assertTrue(pair.n1().hasAddress(VIP), when + ": node 1 lost the VIP: " + pair.n1().addresses());
        assertTrue(!pair.n2().hasAddress(VIP), when + ": node 2 has the VIP: " + pair.n2().addresses());
    }

    private static int lineOf(String text, String needle) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(needle + " not in the config");
    }
}
