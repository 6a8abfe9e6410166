package io.vrrpd.cli;

/** Entry point of the {@code vrrpctl} launcher. */
public final class VrrpCtl {
    private VrrpCtl() {
    }

    public static void main(String[] args) {
        System.err.println("vrrpctl: not yet implemented");
        System.exit(70);
    }
}
