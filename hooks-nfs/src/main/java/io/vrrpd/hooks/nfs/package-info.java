/**
 * NFS hook: take over and release exports when the instance gains or loses its virtual IP.
 * Built on vrrpd's hook SPI only; the implementation arrives with the hooks issue.
 */
package io.vrrpd.hooks.nfs;
