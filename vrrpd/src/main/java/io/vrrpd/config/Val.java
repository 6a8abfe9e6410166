package io.vrrpd.config;

/**
 * A configuration value as written, before conversion, with its place: both readers produce these so one
 * {@link ConfigAssembler} converts and checks them with the same messages.
 */
record Val(String text, Place place) {
}
