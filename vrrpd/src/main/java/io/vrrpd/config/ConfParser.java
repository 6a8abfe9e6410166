package io.vrrpd.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups tokens into {@link ConfStatement}s. As keepalived does, a keyword's arguments are the tokens on its
 * line, and a block may open on the keyword's line or on a later one; {@code }} may share a line with
 * anything.
 */
final class ConfParser {
    private final List<ConfToken> toks;
    private final Diagnostics diag;
    private int pos;

    private ConfParser(List<ConfToken> toks, Diagnostics diag) {
        this.toks = toks;
        this.diag = diag;
    }

    static List<ConfStatement> parse(List<ConfToken> toks, Diagnostics diag) {
        return new ConfParser(toks, diag).body(null);
    }

    private List<ConfStatement> body(ConfStatement opener) {
        List<ConfStatement> stmts = new ArrayList<>();
        while (pos < toks.size()) {
            ConfToken t = toks.get(pos++);
            if (t.is("}")) {
                if (opener != null) {
                    return stmts;
                }
                diag.error(t.location(), "unexpected '}' (no block is open)");
                continue;
            }
            if (t.is("{")) {
                diag.error(t.location(), "unexpected '{' (a block must follow a keyword)");
                body(new ConfStatement(t, List.of(), null));
                continue;
            }
            List<ConfToken> args = new ArrayList<>();
            while (pos < toks.size() && toks.get(pos).sameLine(t) && !toks.get(pos).is("{")
                    && !toks.get(pos).is("}")) {
                args.add(toks.get(pos++));
            }
            List<ConfStatement> block = null;
            if (pos < toks.size() && toks.get(pos).is("{")) {
                pos++;
                block = body(new ConfStatement(t, args, null));
            }
            stmts.add(new ConfStatement(t, args, block));
        }
        if (opener != null) {
            diag.error(opener.location(), "block '" + opener.name() + "' is not closed (missing '}')");
        }
        return stmts;
    }
}
