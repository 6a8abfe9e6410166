package io.vrrpd.hooks.nfs;

/**
 * The programs the hook runs ({@code paths:}); bare names are looked up in PATH, which finds them on
 * Debian ({@code /usr/bin}, {@code /usr/sbin}) and RHEL alike.
 */
public record Tools(String ganeshaNfsd, String nfsLs, String exportfs, String systemctl, String mount,
                    String umount, String findmnt, String fuser, String drbdadm) {
    public static final Tools DEFAULT = new Tools("ganesha.nfsd", "nfs-ls", "exportfs", "systemctl", "mount",
            "umount", "findmnt", "fuser", "drbdadm");
}
