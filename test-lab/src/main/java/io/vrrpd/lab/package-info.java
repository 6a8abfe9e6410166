/**
 * The network-namespace lab: namespaces on a bridge (192.0.2.0/24 only), nodes running vrrpd or
 * keepalived, link cuts, captures, and teardown that always runs.
 */
package io.vrrpd.lab;
