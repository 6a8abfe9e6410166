/**
 * PostgreSQL hook: promote the standby on takeover, fence the old primary on release, and refuse
 * takeover while the local server cannot serve (a stale ex-primary must rejoin as a standby first).
 * Built on vrrpd's hook SPI only; the implementation arrives with the hooks issue.
 */
package io.vrrpd.hooks.postgres;
