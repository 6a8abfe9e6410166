package io.vrrpd.config;

/** VRRPv2 authentication types supported (RFC 3768 §5.3.6; AH and RFC 2338 type 2 are not). */
public enum AuthType {
    NONE,
    PASS
}
