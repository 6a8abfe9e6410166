package io.vrrpd.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the write outage of one hard failover goes (issue 11's "detection, promotion, VIP, client
 * reconnect"), from the sources the lab has, each on the same machine clock:
 * <ul>
 *   <li>node 1's last advert and node 2's first advert: node 2's capture (kernel packet times);</li>
 *   <li>the takeover hook's start and end: node 2's {@code vrrpctl status --json}
 *       {@code hooks[].finished_at} minus {@code took_seconds} (phase {@code takeover});</li>
 *   <li>the VIP added on node 2: {@code ip -ts monitor address} there;</li>
 *   <li>the writer's first error after the crash (it noticed the broken connection) and first
 *       acknowledgement after it: the writer's own log.</li>
 * </ul>
 * Every instant is given as milliseconds after the last acknowledged commit before the crash (the outage's
 * start), so the phases read off as differences. A source that saw nothing leaves its field empty.
 *
 * @param lastAdvertN1   node 1's last advert before the crash
 * @param hookStart      the takeover hook started
 * @param hookEnd        the takeover hook finished
 * @param vipAdded       the VIP appeared on node 2
 * @param firstAdvertN2  node 2's first advert after the crash (it is master)
 * @param clientError    the writer's first failed commit after the crash
 * @param firstAck       the first acknowledged commit after the crash (the outage's end)
 * @param hookOutcome    the takeover hook's outcome and detail, or why none was found
 * @param clientReason   the writer's first error line after the crash (SQLSTATE and message), or empty
 */
public record PgFailoverBreakdown(Optional<Instant> lastAdvertN1, Optional<Instant> hookStart,
        Optional<Instant> hookEnd, Optional<Instant> vipAdded, Optional<Instant> firstAdvertN2,
        Optional<Instant> clientError, Optional<Instant> firstAck, String hookOutcome,
        String clientReason) {

    /**
     * @param adverts  node 2's capture
     * @param n1       node 1's address (its adverts' source)
     * @param n2       node 2's address
     * @param status   node 2's {@code vrrpctl status --json} after the failover
     * @param vipAdded when the VIP appeared on node 2, if it did
     * @param writer   the writer's log text ({@link PgClientMain} lines)
     * @param crash    when the crash was complete
     * @param firstAck the first acknowledgement after the crash, if any
     * @return the breakdown
     */
    public static PgFailoverBreakdown of(AdvertTrace adverts, String n1, String n2, JsonNode status,
            Optional<Instant> vipAdded, String writer, Instant crash, Optional<Instant> firstAck) {
        Optional<Instant> last = adverts.lastFrom(n1, crash).map(VrrpAdvert::time);
        Optional<Instant> firstN2 = adverts.firstFrom(n2, crash).map(VrrpAdvert::time);
        Optional<Instant> start = Optional.empty();
        Optional<Instant> end = Optional.empty();
        String outcome = "no takeover hook result in status --json";
        for (JsonNode i : status.path("instances")) {
            for (JsonNode h : i.path("hooks")) {
                if (!"takeover".equals(h.path("phase").asText())) {
                    continue;
                }
                try {
                    Instant fin = Instant.parse(h.path("finished_at").asText());
                    if (fin.isAfter(crash)) {
                        end = Optional.of(fin);
                        start = Optional.of(fin.minusMillis(Math.round(h.path("took_seconds").asDouble() * 1000)));
                        outcome = h.path("outcome").asText() + ": " + h.path("detail").asText();
                    }
                } catch (DateTimeParseException e) {
                    outcome = "unreadable finished_at: " + h.path("finished_at").asText();
                }
            }
        }
        Optional<String> error = firstError(writer, crash);
        return new PgFailoverBreakdown(last, start, end, vipAdded, firstN2, error.map(PgFailoverBreakdown::errorTime),
                firstAck, outcome, error.map(l -> l.split(" ", 4)).filter(f -> f.length == 4).map(f -> f[3]).orElse(""));
    }

    /**
     * The writer's first {@code error ID MICROS SQLSTATE MESSAGE} line less than a second before the crash
     * or after it (the crash instant is taken once the cable is cut; the server's own goodbye comes earlier).
     */
    static Optional<String> firstError(String writerLog, Instant crash) {
        for (String line : writerLog.split("\n")) {
            String[] f = line.split(" ", 4);
            if (f.length >= 3 && f[0].equals("error") && f[2].matches("[0-9]{1,19}")
                    && !errorTime(line).isBefore(crash.minusSeconds(1))) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    private static Instant errorTime(String line) {
        long us = Long.parseLong(line.split(" ", 4)[2]);
        return Instant.ofEpochSecond(us / 1_000_000L, (us % 1_000_000L) * 1_000L);
    }

    /**
     * vrrpd's log lines ({@code HH:mm:ss.SSS LEVEL logger: message}, local time) from {@code from} on, for
     * the daemon's own view of the takeover next to the breakdown.
     *
     * @param log  the daemon's log
     * @param from the first moment of interest
     * @param max  at most this many lines
     * @return the lines
     */
    static List<String> logLinesFrom(String log, Instant from, int max) {
        LocalTime start = LocalTime.ofInstant(from, ZoneId.systemDefault());
        List<String> out = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (out.size() >= max) {
                break;
            }
            if (line.length() >= 12 && line.substring(0, 12).matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3}")
                    && !LocalTime.parse(line.substring(0, 12)).isBefore(start)) {
                out.add(line);
            }
        }
        return out;
    }

    /**
     * One line: the instants as ms after the outage's start, then the phases.
     *
     * @param outageStart the last acknowledged commit before the crash
     * @return e.g. {@code last advert n1 -12, hook 380..1450, VIP 1452, ...}
     */
    public String format(Instant outageStart) {
        List<String> parts = new ArrayList<>();
        parts.add("n1 last advert " + ms(outageStart, lastAdvertN1));
        parts.add("takeover hook " + ms(outageStart, hookStart) + ".." + ms(outageStart, hookEnd));
        parts.add("VIP on n2 " + ms(outageStart, vipAdded));
        parts.add("n2 first advert " + ms(outageStart, firstAdvertN2));
        parts.add("writer first error " + ms(outageStart, clientError));
        parts.add("first ack " + ms(outageStart, firstAck));
        return "ms after last ack: " + String.join(", ", parts) + " | phases (ms): detection "
                + between(lastAdvertN1, hookStart) + ", promotion " + between(hookStart, hookEnd) + ", VIP "
                + between(hookEnd, vipAdded) + ", client reconnect " + between(vipAdded, firstAck)
                + (clientReason.isEmpty() ? "" : " | writer's first error: " + clientReason)
                + " | takeover hook: " + hookOutcome;
    }

    /** @return detection: node 1's last advert to the takeover hook's start */
    public Optional<Duration> detection() {
        return span(lastAdvertN1, hookStart);
    }

    /** @return promotion: the takeover hook's run */
    public Optional<Duration> promotion() {
        return span(hookStart, hookEnd);
    }

    /** @return the VIP: hook end to the address on node 2 */
    public Optional<Duration> vip() {
        return span(hookEnd, vipAdded);
    }

    /** @return client reconnect: the VIP on node 2 to the first acknowledged commit */
    public Optional<Duration> reconnect() {
        return span(vipAdded, firstAck);
    }

    private static Optional<Duration> span(Optional<Instant> from, Optional<Instant> to) {
        return from.isPresent() && to.isPresent() ? Optional.of(Duration.between(from.get(), to.get()))
                : Optional.empty();
    }

    private static String between(Optional<Instant> from, Optional<Instant> to) {
        return span(from, to).map(d -> String.format(Locale.ROOT, "%d", d.toMillis())).orElse("?");
    }

    private static String ms(Instant origin, Optional<Instant> t) {
        return t.map(x -> String.format(Locale.ROOT, "%d", Duration.between(origin, x).toMillis())).orElse("?");
    }
}
