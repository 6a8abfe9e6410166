package io.vrrpd.election;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Orders primary addresses for the equal-priority tie-break of RFC 3768 §6.4.3 ("the primary IP address of the
 * sender is greater than the local primary IP address"): as unsigned big-endian numbers; a shorter address
 * (IPv4) sorts before a longer one, which never matters on a real segment where both are one family.
 */
public final class PrimaryAddressOrder implements Comparator<InetAddress> {
    /** The single instance; the comparator is stateless. */
    public static final PrimaryAddressOrder INSTANCE = new PrimaryAddressOrder();

    private PrimaryAddressOrder() {
    }

    @Override
    public int compare(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        return Arrays.compareUnsigned(x, y);
    }
}
