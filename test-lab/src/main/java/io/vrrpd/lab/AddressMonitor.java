package io.vrrpd.lab;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches a node's addresses with {@code ip -ts monitor address} (ip-monitor(8)): every RTM_NEWADDR and
 * RTM_DELADDR is printed with a timestamp, so the moment a daemon bound a VIP is known to the millisecond
 * without polling. The timestamp is taken by ip when it reads the netlink message, in local time with
 * microseconds (it runs under SCHED_FIFO where chrt exists, so a busy machine delays that less), e.g.
 * {@code [2026-11-25T16:44:52.718553] 2: eth0    inet 192.0.2.100/32 scope global eth0}.
 */
public final class AddressMonitor {

    private static final Pattern LINE = Pattern.compile(
            "^\\[(\\S+)\\]\\s+(Deleted\\s+)?\\d+:\\s+(\\S+)\\s+inet6?\\s+([0-9a-fA-F.:]+)/\\d+");
    /** ip prints nothing when it is ready; netlink subscription takes a few ms, this is ample. */
    private static final Duration SETTLE = Duration.ofMillis(300);

    private final LabProcess process;

    private AddressMonitor(LabProcess process) {
        this.process = process;
    }

    /**
     * Starts the monitor on a node; the lab stops it on close.
     *
     * @param node the node to watch
     * @param name a process name unique in the node, e.g. {@code "addrmon"}
     * @return the running monitor
     */
    public static AddressMonitor start(Node node, String name) {
        // ip stamps an event when it reads it: on a loaded machine a normal-priority ip was seen to read the
        // VIP's RTM_NEWADDR 100 ms after the GARP that follows the add was on the wire. SCHED_FIFO
        // (chrt(1)) lets it run as soon as the message arrives; it sleeps otherwise, so it costs nothing.
        List<String> argv = new ArrayList<>(List.of("ip", "-ts", "monitor", "address"));
        if (LabPrerequisites.find("chrt").isPresent()) {
            argv.addAll(0, List.of("chrt", "--fifo", "10"));
        }
        LabProcess p = node.start(name, argv);
        Lab.sleep(SETTLE);
        if (!p.isAlive()) {
            throw new LabException("ip -ts monitor address exited at once on " + node.name() + ": " + p.tail());
        }
        return new AddressMonitor(p);
    }

    /** @return every address event seen so far, in order */
    public List<AddressEvent> events() {
        return parse(process.logText(), ZoneId.systemDefault());
    }

    /**
     * @param address an address without prefix
     * @param after   only events at or after this time count
     * @return the first time it was added after {@code after}
     */
    public Optional<Instant> firstAdded(String address, Instant after) {
        return events().stream()
                .filter(e -> e.added() && e.address().equals(address) && !e.time().isBefore(after))
                .map(AddressEvent::time)
                .findFirst();
    }

    /**
     * Parses {@code ip -ts monitor address} output; lines that are not address events (the
     * {@code valid_lft} continuation lines) are skipped.
     *
     * @param text the output
     * @param zone the zone ip printed its local times in
     * @return the events
     */
    public static List<AddressEvent> parse(String text, ZoneId zone) {
        List<AddressEvent> events = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            try {
                Instant t = LocalDateTime.parse(m.group(1)).atZone(zone).toInstant();
                events.add(new AddressEvent(t, m.group(2) == null, m.group(3), m.group(4)));
            } catch (DateTimeParseException e) {
                // A line cut off while ip was still writing it: the next read sees it whole.
            }
        }
        return List.copyOf(events);
    }
}
