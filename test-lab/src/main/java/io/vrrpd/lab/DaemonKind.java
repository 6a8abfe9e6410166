package io.vrrpd.lab;

/** Which VRRP daemon a benchmark node runs. */
public enum DaemonKind {
    /** This project's daemon, from the built distribution. */
    VRRPD("vrrpd"),
    /** The reference, keepalived 2.2.7 as Debian ships it. */
    KEEPALIVED("keepalived");

    private final String label;

    DaemonKind(String label) {
        this.label = label;
    }

    /** @return the lower-case name used in reports */
    public String label() {
        return label;
    }
}
