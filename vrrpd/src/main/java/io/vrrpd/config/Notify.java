package io.vrrpd.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Notify scripts of an instance or sync group (keepalived.conf(5) notify_master, notify_backup, notify_fault,
 * notify_stop, notify, notify_fifo).
 *
 * @param master  run on entering MASTER
 * @param backup  run on entering BACKUP
 * @param fault   run on entering FAULT
 * @param stop    run on entering STOP
 * @param generic {@code notify}: run on every transition with "TYPE NAME STATE PRIORITY" appended
 * @param fifo    {@code notify_fifo}: path of a FIFO that receives one line per transition
 */
public record Notify(Optional<Script> master, Optional<Script> backup, Optional<Script> fault,
                     Optional<Script> stop, Optional<Script> generic, Optional<String> fifo) {
    /** No notification. */
    public static final Notify NONE = new Notify(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public Notify {
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(generic, "generic");
        Objects.requireNonNull(fifo, "fifo");
    }
}
