/**
 * Health inputs of VRRP instances, as keepalived 2.2.7 tracks them: {@code vrrp_script}/{@code track_script},
 * {@code track_file}, {@code track_interface} weights and hook health checks. Each tracked item either adds a
 * weight to the instance's priority or, with weight 0, puts it in FAULT. The arithmetic ({@link Weighting},
 * {@link RiseFall}, {@link EffectivePriority}, {@link TrackFileValue}) is pure; {@link CheckScheduler} runs the
 * checks off the event loop on a small shared pool and hands each result to a callback.
 */
package io.vrrpd.track;
