package io.vrrpd.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class InterfaceAddressTest {

    @Test
    void rejectsIpv4PrefixLongerThan32() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InterfaceAddress(2, a, 33, "", false));
        assertEquals("prefix length must be 0..32 (was 33)", e.getMessage());
    }

    @Test
    void acceptsIpv6PrefixUpTo128() throws Exception {
        InetAddress a = InetAddress.getByName("2001:db8::1");
        assertEquals(128, new InterfaceAddress(2, a, 128, "", false).prefixLen());
    }

    @Test
    void printsLikeIpAddr() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.100");
        assertEquals("192.0.2.100/24 label eth0:1 secondary", new InterfaceAddress(2, a, 24, "eth0:1", true).toString());
    }
}
