package io.vrrpd.lab;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One VRRP packet as tshark decoded it from a lab capture.
 *
 * @param time            capture time
 * @param source          IP source address (the sender's primary address on the interface, RFC 3768 §5.1.1.1)
 * @param ttl             IP TTL; RFC 3768 §5.2.3 requires 255 and receivers drop anything else
 * @param version         VRRP version (2 or 3)
 * @param vrid            virtual router id
 * @param priority        priority (0 = the master is leaving, RFC 3768 §5.3.4)
 * @param advertInterval  advertisement interval as sent: seconds in v2, centiseconds in v3 (0 if absent)
 * @param checksum        tshark's verdict on the VRRP checksum
 * @param addresses       the virtual addresses in the packet
 * @param expertMessages  tshark's expert info for the frame (malformed, bad checksum...), empty if none
 */
public record VrrpAdvert(Instant time, String source, int ttl, int version, int vrid, int priority,
                         int advertInterval, ChecksumStatus checksum, List<String> addresses,
                         List<String> expertMessages) {

    /** Rejects nulls and copies the lists. */
    public VrrpAdvert {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(checksum, "checksum");
        addresses = List.copyOf(addresses);
        expertMessages = List.copyOf(expertMessages);
    }

    /** @return true if tshark flagged anything: a bad checksum or any expert message */
    public boolean malformed() {
        return checksum == ChecksumStatus.BAD || !expertMessages.isEmpty();
    }

    /** tshark's checksum status values ({@code vrrp.checksum.status}, epan/proto.h PROTO_CHECKSUM_E_*). */
    public enum ChecksumStatus {
        /** 0: the checksum is wrong. */
        BAD,
        /** 1: the checksum verified. */
        GOOD,
        /** 2: not checked. */
        UNVERIFIED,
        /** 3: the packet has none. */
        NOT_PRESENT,
        /** 4: a value the protocol forbids. */
        ILLEGAL,
        /** The field was empty or an unknown number. */
        UNKNOWN;

        /**
         * @param field the field text, e.g. {@code "1"}
         * @return the status
         */
        public static ChecksumStatus fromField(String field) {
            return switch (field.trim()) {
                case "0" -> BAD;
                case "1" -> GOOD;
                case "2" -> UNVERIFIED;
                case "3" -> NOT_PRESENT;
                case "4" -> ILLEGAL;
                default -> UNKNOWN;
            };
        }
    }
}
