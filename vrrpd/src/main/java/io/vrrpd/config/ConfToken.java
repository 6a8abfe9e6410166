package io.vrrpd.config;

/**
 * One keepalived.conf token with its place. Braces are tokens of their own; {@code quoted} is true when any
 * part of the token was written in double quotes (which matters for keepalived's script-line rule).
 */
record ConfToken(String text, boolean quoted, String file, int line) {
    boolean is(String brace) {
        return !quoted && text.equals(brace);
    }

    String location() {
        return file + ":" + line;
    }

    boolean sameLine(ConfToken other) {
        return line == other.line && file.equals(other.file);
    }
}
