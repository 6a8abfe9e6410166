package io.vrrpd.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The 8 octets of VRRPv2 Authentication Data (RFC 3768 §5.3.10): an immutable value with equality by
 * content. It may hold a password, so {@link #toString()} never shows the octets.
 */
public final class AuthData {
    /** Length on the wire. */
    public static final int LENGTH = VrrpPacketLayout.AUTH_DATA_LENGTH;
    /** All zero: what auth type 0 carries (RFC 3768 §5.3.10). */
    public static final AuthData ZERO = new AuthData(new byte[LENGTH]);

    private final byte[] octets;

    private AuthData(byte[] octets) {
        this.octets = octets;
    }

    /** A copy of exactly 8 octets. */
    public static AuthData of(byte[] octets) {
        if (octets == null || octets.length != LENGTH) {
            throw new IllegalArgumentException("auth data must be exactly " + LENGTH + " octets");
        }
        return new AuthData(octets.clone());
    }

    /**
     * A simple-text password zero-padded to 8 octets (RFC 3768 §5.3.10), as keepalived pads
     * {@code auth_pass}. Longer passwords are rejected here: the config layer truncates them with a
     * warning, as keepalived does, so that the truncation is visible.
     */
    public static AuthData ofPassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
        byte[] raw = password.getBytes(StandardCharsets.UTF_8);
        if (raw.length > LENGTH) {
            throw new IllegalArgumentException(
                    "password is " + raw.length + " octets; VRRPv2 carries at most " + LENGTH);
        }
        return new AuthData(Arrays.copyOf(raw, LENGTH));
    }

    /** Reads 8 octets at absolute {@code index}. */
    public static AuthData read(ByteBuffer buf, int index) {
        byte[] raw = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            raw[i] = buf.get(index + i);
        }
        return new AuthData(raw);
    }

    /** Writes the 8 octets at absolute {@code index}; allocation free. */
    public void write(ByteBuffer buf, int index) {
        for (int i = 0; i < LENGTH; i++) {
            buf.put(index + i, octets[i]);
        }
    }

    /** Octet {@code i}, 0..7. */
    public byte get(int i) {
        return octets[i];
    }

    /** True when every octet is zero. */
    public boolean isZero() {
        return MessageDigest.isEqual(octets, ZERO.octets);
    }

    /**
     * Compares all 8 octets in time independent of where they differ (MessageDigest.isEqual is
     * constant-time since JDK 6u17), so a sender cannot learn the password octet by octet.
     */
    public boolean matches(AuthData other) {
        return other != null && MessageDigest.isEqual(octets, other.octets);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthData && matches((AuthData) o);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }

    /** Never shows the octets: they may be a password. */
    @Override
    public String toString() {
        return isZero() ? "AuthData[zero]" : "AuthData[***]";
    }
}
