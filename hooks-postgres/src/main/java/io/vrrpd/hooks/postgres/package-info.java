/**
 * PostgreSQL hook ({@code type: postgres}): promote the standby on takeover, fence the primary on release,
 * hand over cleanly on {@code vrrpctl failover}, and keep a stale ex-primary out of MASTER until it has
 * rejoined as a standby. Built on vrrpd's hook SPI and pgjdbc only; see {@link
 * io.vrrpd.hooks.postgres.PostgresHook} for the choices and docs/postgres.md for the configuration.
 */
package io.vrrpd.hooks.postgres;
