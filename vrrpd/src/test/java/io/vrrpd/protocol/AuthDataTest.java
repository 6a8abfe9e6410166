package io.vrrpd.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.vrrpd.protocol.KeepalivedFixtureTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authentication data and the advert record that carries it. */
class AuthDataTest {

    @Test
    void passwordIsZeroPaddedToEightOctets() {
        AuthData a = AuthData.ofPassword("abc");
        assertEquals('a', a.get(0));
        assertEquals('c', a.get(2));
        for (int i = 3; i < 8; i++) {
            assertEquals(0, a.get(i));
        }
        assertEquals(AuthData.of(new byte[]{'a', 'b', 'c', 0, 0, 0, 0, 0}), a);
    }

    @Test
    void passwordLongerThanEightOctetsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuthData.ofPassword("PASSWORD1"));
        assertTrue(e.getMessage().contains("9 octets"), e.getMessage());
    }

    @Test
    void equalityIsByContentAndTheSourceArrayIsCopied() {
        byte[] raw = {'P', 'A', 'S', 'S', 'W', 'O', 'R', 'D'};
        AuthData a = AuthData.of(raw);
        raw[0] = 'X';
        assertEquals(AuthData.ofPassword("PASSWORD"), a);
        assertEquals(AuthData.ofPassword("PASSWORD").hashCode(), a.hashCode());
        assertNotEquals(AuthData.ofPassword("PASSWORX"), a);
        assertFalse(a.matches(AuthData.ofPassword("PASSWOR")));
    }

    @Test
    void neitherAuthDataNorTheAdvertPrintsThePassword() {
        Advertisement a = Advertisement.v2WithPassword(51, 101, 1, "s3cret", List.of(ip("192.0.2.100")));
        assertFalse(a.toString().contains("s3cret"), a.toString());
        assertFalse(a.authData().toString().contains("s3cret"));
        assertTrue(a.toString().contains("vrid=51"), a.toString());
    }

    @Test
    void advertRejectsOutOfRangeFieldsWithTheValueInTheMessage() {
        List<java.net.InetAddress> vip = List.of(ip("192.0.2.100"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Advertisement.v2NoAuth(0, 100, 1, vip))
                .getMessage().contains("was 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Advertisement.v2NoAuth(1, 256, 1, vip))
                .getMessage().contains("was 256"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Advertisement.v2NoAuth(1, 100, 256, vip))
                .getMessage().contains("was 256"));
        assertThrows(IllegalArgumentException.class, () -> Advertisement.v2NoAuth(1, 100, 1, List.of(ip("2001:db8::1"))));
        assertThrows(IllegalArgumentException.class, () -> new Advertisement(2, 1, 100, AuthType.NONE,
                AuthData.ofPassword("x"), 100, vip));
        assertThrows(IllegalArgumentException.class, () -> new Advertisement(2, 1, 100, AuthType.NONE,
                AuthData.ZERO, 150, vip));
    }
}
