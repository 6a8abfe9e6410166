package io.vrrpd.hooks.postgres;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of {@code pg_controldata} output (run with {@code LC_ALL=C}: its labels are translated
 * otherwise) the hook reads: whether the server was shut down cleanly and as what, and where.
 *
 * @param clusterState     "Database cluster state": {@code shut down}, {@code shut down in recovery},
 *                         {@code in production}, {@code in crash recovery}, {@code in archive recovery}
 * @param checkpoint       "Latest checkpoint location"
 * @param timeline         "Latest checkpoint's TimeLineID"
 * @param systemId         "Database system identifier"
 */
public record ControlData(String clusterState, Lsn checkpoint, int timeline, long systemId) {

    /** Parses the output; empty when a field is missing (not pg_controldata's output). */
    public static Optional<ControlData> parse(String output) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                f.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        try {
            return Optional.of(new ControlData(f.get("Database cluster state"),
                    Lsn.parse(f.get("Latest checkpoint location")),
                    Integer.parseInt(f.get("Latest checkpoint's TimeLineID")),
                    Long.parseUnsignedLong(f.get("Database system identifier"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Shut down cleanly as a primary ("shut down") or as a standby ("shut down in recovery"). */
    public boolean cleanlyShutDown() {
        return "shut down".equals(clusterState) || "shut down in recovery".equals(clusterState);
    }

    /** Was a standby when it stopped (so it holds nothing its primary did not have). */
    public boolean wasStandby() {
        return "shut down in recovery".equals(clusterState) || "in archive recovery".equals(clusterState);
    }
}
