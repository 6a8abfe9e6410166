package io.vrrpd.config;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * VRRPv2 authentication (RFC 3768 §5.3.6 / §5.3.10).
 *
 * @param type     NONE or PASS
 * @param password the simple-text password, at most 8 bytes (empty for NONE)
 */
public record Auth(AuthType type, String password) {
    /** No authentication. */
    public static final Auth NONE = new Auth(AuthType.NONE, "");

    public Auth {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(password, "password");
        if (password.getBytes(StandardCharsets.UTF_8).length > 8) {
            throw new IllegalArgumentException("password longer than 8 bytes");
        }
        if (type == AuthType.NONE && !password.isEmpty()) {
            throw new IllegalArgumentException("password given for auth type NONE");
        }
        if (type == AuthType.PASS && password.isEmpty()) {
            throw new IllegalArgumentException("empty password for auth type PASS");
        }
    }

    /** @return the 8 authentication-data bytes of the advertisement, zero padded (RFC 3768 §5.3.10) */
    public byte[] passwordBytes() {
        return Arrays.copyOf(password.getBytes(StandardCharsets.UTF_8), 8);
    }
}
