package io.vrrpd.hooks.nfs;

/** What clients of an export may do ({@code access:}); exports(5) {@code rw}/{@code ro}, ganesha {@code Access_Type}. */
public enum Access {
    /** Read and write. */
    RW,
    /** Read only. */
    RO
}
