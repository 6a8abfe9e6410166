package io.vrrpd.runtime;

/** Entry point of the {@code vrrpd} launcher. */
public final class VrrpdMain {
    private VrrpdMain() {
    }

    public static void main(String[] args) {
        System.err.println("vrrpd: not yet implemented");
        System.exit(70);
    }
}
