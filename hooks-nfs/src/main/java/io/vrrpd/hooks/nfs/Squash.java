package io.vrrpd.hooks.nfs;

/**
 * How client identities map to server ones ({@code squash:}), exports(5) "User ID Mapping"; ganesha's
 * {@code Squash} takes the same three.
 */
public enum Squash {
    /** uid/gid 0 from a client become the anonymous ids (exports(5) and ganesha default). */
    ROOT_SQUASH,
    /** Client root stays root: only for trusted clients. */
    NO_ROOT_SQUASH,
    /** Every client uid/gid becomes anonymous. */
    ALL_SQUASH;

    /** The exports(5) option word. */
    String exportsOption() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The ganesha {@code Squash} value. */
    String ganeshaValue() {
        return switch (this) {
            case ROOT_SQUASH -> "Root_Squash";
            case NO_ROOT_SQUASH -> "No_Root_Squash";
            case ALL_SQUASH -> "All_Squash";
        };
    }
}
