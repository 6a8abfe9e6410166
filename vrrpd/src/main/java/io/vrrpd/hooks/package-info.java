/**
 * The hook SPI and its runner: code that runs when an instance gains or loses mastership.
 *
 * <p>The runtime calls {@link io.vrrpd.hooks.HookRunner#submit} at the points described in the
 * design ("Becoming master, giving it up"):
 * <ul>
 *   <li>{@link io.vrrpd.hooks.HookPhase#TAKEOVER}: BACKUP to MASTER, after the first advert and before
 *       the VIPs are added; every hook must succeed before its deadline, else the runtime sends the
 *       instance to FAULT;</li>
 *   <li>{@link io.vrrpd.hooks.HookPhase#RELEASE}: leaving MASTER, after the VIPs are removed;</li>
 *   <li>{@link io.vrrpd.hooks.HookPhase#NOTIFY}: after every transition, fire-and-forget.</li>
 * </ul>
 * External modules (PostgreSQL, NFS, email) implement {@link io.vrrpd.hooks.Hook}. The package
 * depends only on {@code java.*} and slf4j: contexts carry plain strings so hook modules need nothing
 * else from vrrpd. Built-ins: keepalived-style notify scripts ({@link io.vrrpd.hooks.NotifyScriptHook})
 * and the notify FIFO ({@link io.vrrpd.hooks.NotifyFifoHook}).
 */
package io.vrrpd.hooks;
