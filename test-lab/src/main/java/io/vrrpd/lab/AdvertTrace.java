package io.vrrpd.lab;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The VRRP adverts of one capture ({@link Capture#vrrpAdverts()}), in capture order, with the look-ups a
 * failover check makes on the wire: a node's adverts, its first advert after a moment (the new master's
 * first after a crash or restart) and its last before one (the old master's last before a crash). Sources
 * are the IPv4 source addresses tshark prints, e.g. {@code 192.0.2.11}.
 */
public final class AdvertTrace {

    private final List<VrrpAdvert> adverts;

    /** @param adverts decoded adverts in capture order (copied) */
    public AdvertTrace(List<VrrpAdvert> adverts) {
        this.adverts = List.copyOf(adverts);
    }

    /** @return every advert, in capture order */
    public List<VrrpAdvert> all() {
        return adverts;
    }

    /** @return the adverts sent from {@code source}, in capture order */
    public List<VrrpAdvert> from(String source) {
        Objects.requireNonNull(source, "source");
        return adverts.stream().filter(a -> a.source().equals(source)).toList();
    }

    /** @return the first advert from {@code source}, if it sent any */
    public Optional<VrrpAdvert> firstFrom(String source) {
        return from(source).stream().findFirst();
    }

    /** @return the first advert from {@code source} captured strictly after {@code after} */
    public Optional<VrrpAdvert> firstFrom(String source, Instant after) {
        return from(source).stream().filter(a -> a.time().isAfter(after)).findFirst();
    }

    /** @return the last advert from {@code source}, if it sent any */
    public Optional<VrrpAdvert> lastFrom(String source) {
        return lastFrom(source, Instant.MAX);
    }

    /** @return the last advert from {@code source} captured strictly before {@code before} */
    public Optional<VrrpAdvert> lastFrom(String source, Instant before) {
        VrrpAdvert found = null;
        for (VrrpAdvert a : from(source)) {
            if (a.time().isBefore(before)) {
                found = a;
            }
        }
        return Optional.ofNullable(found);
    }

    /** @return the adverts as {@link List#toString()} prints them, for failure messages */
    @Override
    public String toString() {
        return adverts.toString();
    }
}
