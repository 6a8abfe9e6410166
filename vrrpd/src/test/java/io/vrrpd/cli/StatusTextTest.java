package io.vrrpd.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The text form of {@code vrrpctl status} shows what hooks did to an instance and how a hook fault clears. */
class StatusTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void hookFaultTakeoverAndLastHookResultsAreShown() throws Exception {
        JsonNode body = JSON.readTree("""
                {"instances": [{"name": "VI_1", "state": "FAULT", "vrid": 51, "interface": "eth0", "priority": 100,
                  "effective_priority": 100, "virtual_ips": ["192.0.2.100/24"], "vips_installed": false,
                  "master": null, "in_state_seconds": 4.2, "handover_hold": false,
                  "faults": ["hook check-db: FAILED check-db: exit 3: replica 3 GB behind"],
                  "fault_sources": {"hook:check-db": "hook check-db: FAILED check-db: exit 3: replica 3 GB behind"},
                  "takeover_pending": false, "handover_pending": false,
                  "counters": {"adverts_sent": 3, "adverts_received": 10, "transitions": 3, "drops": {}},
                  "hooks": [
                    {"hook": "notify-scripts", "sequence": 1, "phase": "notify", "outcome": "OK", "detail": "",
                     "took_seconds": 0.01},
                    {"hook": "check-db", "sequence": 2, "phase": "takeover", "outcome": "FAILED",
                     "detail": "check-db: exit 3: replica 3 GB behind", "took_seconds": 0.2},
                    {"hook": "export", "sequence": 2, "phase": "takeover", "outcome": "SKIPPED",
                     "detail": "not run: earlier takeover hook check-db FAILED", "took_seconds": 0}]}]}
                """);

        String text = StatusText.render(body);

        assertTrue(text.contains("  FAULT: hook check-db: FAILED check-db: exit 3: replica 3 GB behind\n"), text);
        assertTrue(text.contains("stays until 'vrrpctl resume VI_1' or the hook's health check passes"), text);
        assertTrue(text.contains("  hook check-db takeover FAILED in 0.2s: check-db: exit 3: replica 3 GB behind\n"),
                text);
        assertTrue(text.contains("  hook export takeover SKIPPED"), text);
        assertTrue(!text.contains("notify-scripts"), "only the last transition's hooks: " + text);
    }

    @Test
    void pendingTakeoverIsShown() throws Exception {
        JsonNode body = JSON.readTree("""
                {"instances": [{"name": "VI_1", "state": "MASTER", "vrid": 51, "interface": "eth0", "priority": 100,
                  "effective_priority": 100, "virtual_ips": ["192.0.2.100/24"], "vips_installed": false,
                  "master": "192.0.2.12", "in_state_seconds": 1.0, "faults": [], "fault_sources": {},
                  "takeover_pending": true, "handover_pending": false, "counters": {"drops": {}}, "hooks": []}]}
                """);
        assertTrue(StatusText.render(body).contains("TAKEOVER: master on the wire, waiting for takeover hooks"));
    }

    @Test
    void aRefusedRealTimePolicyIsShownAndAGrantedOneIsNot() throws Exception {
        String refused = StatusText.render(JSON.readTree("""
                {"daemon": {"loop_scheduling": "normal (SCHED_OTHER)", "loop_scheduling_refused": "EPERM (it is 0)"},
                 "instances": []}
                """));
        assertTrue(refused.contains(
                "scheduling: the event loop runs at the normal priority, real-time refused: EPERM (it is 0)\n"), refused);
        String granted = StatusText.render(JSON.readTree("""
                {"daemon": {"loop_scheduling": "SCHED_RR priority 1"}, "instances": []}
                """));
        assertTrue(!granted.contains("scheduling"), granted);
    }
}
