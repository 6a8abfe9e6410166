package io.vrrpd.lab;

/**
 * One poll of where the VIP is on a pair of nodes, {@code ms} after the poll series began. Printed as
 * {@code 120:1-} (on node 1 only), {@code 190:12} (on both) or {@code 260:--} (on neither), so a failure
 * message shows the whole series on one line.
 */
record VipSample(long ms, boolean on1, boolean on2) {

    /** @return true if the VIP was on both nodes */
    boolean onBoth() {
        return on1 && on2;
    }

    /** @return true if the VIP was on neither node */
    boolean onNeither() {
        return !on1 && !on2;
    }

    @Override
    public String toString() {
        return ms + ":" + (on1 ? "1" : "-") + (on2 ? "2" : "-");
    }
}
