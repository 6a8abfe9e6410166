package io.vrrpd.protocol;

/**
 * The VRRPv2 Auth Type field (RFC 3768 §5.3.6). VRRPv3 has no authentication and always uses
 * {@link #NONE}.
 */
public enum AuthType {
    /** 0: no authentication; the auth data is zero. */
    NONE(0),
    /** 1: an 8-octet clear-text password (keepalived {@code auth_type PASS}). */
    SIMPLE_TEXT(1),
    /**
     * 2: IP Authentication Header, from RFC 2338. Decodable so that it can be named in a log line, but
     * RFC 3768 §5.3.6 removed it and vrrpd never accepts it.
     */
    IP_AH(2);

    private final int code;

    AuthType(int code) {
        this.code = code;
    }

    /** The value on the wire. */
    public int code() {
        return code;
    }

    /** The constant for a wire value, or {@code null} when the value is not defined. */
    public static AuthType fromCode(int code) {
        switch (code) {
            case 0:
                return NONE;
            case 1:
                return SIMPLE_TEXT;
            case 2:
                return IP_AH;
            default:
                return null;
        }
    }
}
