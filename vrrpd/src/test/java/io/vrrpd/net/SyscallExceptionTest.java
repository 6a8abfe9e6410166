package io.vrrpd.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SyscallExceptionTest {

    @Test
    void permissionErrorNamesCallArgumentsAndCapability() {
        SyscallException e = new SyscallException("setsockopt(IP_ADD_MEMBERSHIP, 224.0.0.18, eth0)", 1, "EPERM",
                "Operation not permitted", "CAP_NET_RAW");
        assertEquals("setsockopt(IP_ADD_MEMBERSHIP, 224.0.0.18, eth0): Operation not permitted (needs CAP_NET_RAW)",
                e.getMessage());
        assertEquals(1, e.errno());
        assertEquals("EPERM", e.errnoName());
        assertEquals("setsockopt(IP_ADD_MEMBERSHIP, 224.0.0.18, eth0)", e.call());
    }

    @Test
    void capabilityIsOnlyMentionedWhenPermissionWasDenied() {
        SyscallException e = new SyscallException("sendto(224.0.0.18, eth0, 20 bytes)", 100, "ENETDOWN",
                "Network is down", "CAP_NET_RAW");
        assertEquals("sendto(224.0.0.18, eth0, 20 bytes): Network is down", e.getMessage());
    }
}
