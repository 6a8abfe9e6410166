package io.vrrpd.runtime;

import io.vrrpd.config.VirtualIp;
import io.vrrpd.election.Action;
import io.vrrpd.mail.TransitionMail;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Captures, on the event loop, what a failover mail says about a transition (the mail is written later). */
final class TransitionMails {
    private TransitionMails() {
    }

    static TransitionMail of(InstanceRuntime i, Action.Transition t, boolean planned) {
        List<String> vips = new ArrayList<>();
        for (VirtualIp v : i.config().virtualIps()) {
            vips.add(v.address().getHostAddress() + "/" + v.prefixLength());
        }
        InetAddress peer = i.machine().lastAdvertSource();
        OptionalLong heard = i.machine().lastAdvertNanos();
        Optional<Duration> ago = heard.isPresent()
                ? Optional.of(Duration.ofNanos(Math.max(0, i.lastTransitionNanos() - heard.getAsLong())))
                : Optional.empty();
        return new TransitionMail(false, i.name(), i.config().vrid(), t.from().name(), t.to().name(), t.reason(),
                i.config().priority(), i.machine().effectivePriority(), vips,
                Optional.ofNullable(peer).map(InetAddress::getHostAddress), peer == null ? Optional.empty() : ago,
                planned, Instant.now());
    }
}
