package io.vrrpd.hooks.nfs;

/** Which NFS server the hook drives ({@code backend:}). */
public enum Backend {
    /**
     * nfs-ganesha in user space, NFSv4 only (no rpcbind, no NLM, no MOUNT protocol): the hook renders its
     * whole configuration per node, starts {@code ganesha.nfsd} and stops it on release.
     */
    GANESHA,
    /**
     * The kernel server from nfs-utils ({@code nfs-server.service}, {@code exportfs}): what RHEL admins run.
     * The hook starts and stops the unit and adds and removes each export with its fixed {@code fsid}.
     */
    KERNEL
}
