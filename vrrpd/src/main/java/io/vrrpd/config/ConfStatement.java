package io.vrrpd.config;

import java.util.List;

/**
 * One keepalived.conf statement: a keyword, the arguments on its line and, when a {@code {} follows, the
 * statements of its block (null when there is no block).
 */
record ConfStatement(ConfToken keyword, List<ConfToken> args, List<ConfStatement> block) {
    ConfStatement {
        args = List.copyOf(args);
        block = block == null ? null : List.copyOf(block);
    }

    String location() {
        return keyword.location();
    }

    String name() {
        return keyword.text();
    }
}
