package io.vrrpd.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vrrpd.hooks.HookOutcome;
import io.vrrpd.hooks.HookPhase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailComposerTest {
    private final MailComposer composer = new MailComposer("CCC_DB_MONITOR", "db2.example.org", ZoneOffset.UTC);

    @Test
    void subjectIsKeepalivedsForEveryStateItMails() {
        assertEquals("[CCC_DB_MONITOR] VRRP Instance VI_1 - Entering MASTER state",
                composer.subject(MailFixtures.takeover()));
        assertEquals("[CCC_DB_MONITOR] VRRP Instance VI_1 - Entering BACKUP state",
                composer.subject(MailFixtures.to("MASTER", "BACKUP")));
        assertEquals("[CCC_DB_MONITOR] VRRP Instance VI_1 - Entering FAULT state",
                composer.subject(MailFixtures.to("MASTER", "FAULT")));
        assertEquals("[CCC_DB_MONITOR] VRRP Instance VI_1 - Stopping",
                composer.subject(MailFixtures.to("BACKUP", "STOP")));
        assertTrue(MailComposer.event("INIT").isEmpty(), "keepalived sends no mail for INIT");
    }

    @Test
    void syncGroupSubjectIsKeepalivedsGroupForm() {
        TransitionMail g = new TransitionMail(true, "DB", 0, "BACKUP", "MASTER", "all members MASTER", 0, 0,
                List.of(), Optional.empty(), Optional.empty(), false, Instant.EPOCH);
        assertEquals("[CCC_DB_MONITOR] VRRP Group DB - Entering MASTER state", composer.subject(g));
        assertTrue(composer.body(g, List.of(), Optional.empty())
                .startsWith("=> All VRRP group instances are now in MASTER state <=\n"));
    }

    @Test
    void bodySaysWhatTheOnCallEngineerNeeds() {
        String body = composer.body(MailFixtures.takeover(), List.of(
                MailFixtures.result("postgres-promote", HookPhase.TAKEOVER, HookOutcome.OK, 1234, "promoted"),
                MailFixtures.result("notify-scripts", HookPhase.NOTIFY, HookOutcome.FAILED, 15,
                        "notify_master exited 1")), Optional.empty());
        assertTrue(body.startsWith("=> VRRP Instance is now owning VRRP VIPs <=\n\n"), body);
        for (String expected : List.of(
                "node:        db2.example.org (router_id CCC_DB_MONITOR)\n",
                "instance:    VI_1 (VRID 51)\n",
                "transition:  BACKUP -> MASTER\n",
                "reason:      master-down timer expired (last advert from 192.0.2.11 3.61 s ago)\n",
                "priority:    100 configured, 100 effective\n",
                "virtual IPs: 192.0.2.100/32\n",
                "peer:        192.0.2.11, last advert 3.61 s before the transition\n",
                "time:        2026-11-30 10:15:30.250 +00:00\n",
                "  takeover postgres-promote     OK           1.234 s  promoted\n",
                "  notify   notify-scripts       FAILED       0.015 s  notify_master exited 1\n")) {
            assertTrue(body.contains(expected), "missing [" + expected.strip() + "] in:\n" + body);
        }
    }

    @Test
    void bodySaysWhenHooksWereNotWaitedFor() {
        String body = composer.body(MailFixtures.takeover(), List.of(), Optional.of(Duration.ofSeconds(120)));
        assertTrue(body.contains("hooks still running after 120 s"), body);
        String none = composer.body(MailFixtures.to("INIT", "BACKUP"), List.of(), Optional.empty());
        assertTrue(none.contains("hooks: none ran for this transition"), none);
        assertTrue(none.startsWith("=> VRRP Instance is no longer owning VRRP VIPs <="), none);
    }

    @Test
    void plannedHandoverIsNamedAndAMissingPeerSaidSo() {
        TransitionMail t = MailFixtures.takeover();
        TransitionMail planned = new TransitionMail(false, "VI_1", 51, "MASTER", "BACKUP", "handover requested",
                100, 100, t.virtualIps(), Optional.empty(), Optional.empty(), true, t.at());
        String body = composer.body(planned, List.of(), Optional.empty());
        assertTrue(body.contains("transition:  MASTER -> BACKUP (planned handover)\n"), body);
        assertTrue(body.contains("peer:        none heard\n"), body);
    }
}
