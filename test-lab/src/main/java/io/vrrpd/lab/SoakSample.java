package io.vrrpd.lab;

import java.time.Duration;

/**
 * One sample of a soak pair ({@link SoakPair}).
 *
 * @param at           time since the load started
 * @param masterRssKb  the master daemon's VmRSS
 * @param backupRssKb  the backup daemon's VmRSS
 * @param masterTicks  the master's CPU time so far, in clock ticks
 * @param backupTicks  the backup's CPU time so far, in clock ticks
 * @param vipPlaced    the VIP was on the master and not on the backup
 */
record SoakSample(Duration at, long masterRssKb, long backupRssKb, long masterTicks, long backupTicks,
                  boolean vipPlaced) {
}
