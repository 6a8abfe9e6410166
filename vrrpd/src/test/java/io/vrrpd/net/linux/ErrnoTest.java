package io.vrrpd.net.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vrrpd.net.SyscallException;
import org.junit.jupiter.api.Test;

class ErrnoTest {

    @Test
    void mapsIdempotencyErrnosToKernelNamesAndTexts() {
        assertEquals("EEXIST", Errno.name(17));
        assertEquals("File exists", Errno.describe(17));
        assertEquals("EADDRNOTAVAIL", Errno.name(99));
        assertEquals("Cannot assign requested address", Errno.describe(99));
    }

    @Test
    void unknownErrnoStillProducesAReadableMessage() {
        SyscallException e = Errno.exception("frob(x)", 250, null);
        assertEquals("frob(x): Unknown error 250", e.getMessage());
        assertEquals("errno 250", e.errnoName());
    }

    @Test
    void failingNativeCallReportsTheRealErrnoWithTheCall() {
        // fd -1 is never valid: the kernel answers EBADF, which proves errno travels from libc.
        SyscallException e = assertThrows(SyscallException.class, () -> Syscalls.setsockoptInt(-1,
                Syscalls.IPPROTO_IP, Syscalls.IP_TTL, 255, () -> "setsockopt(IP_TTL, 255)", "CAP_NET_RAW"));
        assertEquals(Errno.EBADF, e.errno());
        assertEquals("setsockopt(IP_TTL, 255): Bad file descriptor", e.getMessage());
    }

    @Test
    void enteringAMissingNamespaceNamesThePath() {
        SyscallException e = assertThrows(SyscallException.class, () -> NetNamespace.enter("vrt-does-not-exist"));
        assertEquals("open(/run/netns/vrt-does-not-exist): No such file or directory", e.getMessage());
    }
}
