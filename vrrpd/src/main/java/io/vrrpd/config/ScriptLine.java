package io.vrrpd.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * keepalived's script-line rule (keepalived.conf(5), "notify_master"): token 1 is the command, tokens 2 and
 * 3 are the user and group to run it as. A command written in double quotes is split into argv on
 * whitespace, honouring single quotes, double quotes and backslashes inside it; no shell is run.
 */
final class ScriptLine {
    private ScriptLine() {
    }

    /** Parses a notify_* line; null after reporting an error. */
    static Script notifyLine(ConfStatement s, Diagnostics diag) {
        List<ConfToken> a = s.args();
        Place place = Place.conf(s.location(), s.name());
        if (a.isEmpty()) {
            diag.error(place, "needs a script");
            return null;
        }
        List<String> argv = split(a.get(0).text());
        if (argv.isEmpty()) {
            diag.error(place, "needs a script");
            return null;
        }
        Optional<String> user = a.size() > 1 ? Optional.of(a.get(1).text()) : Optional.empty();
        Optional<String> group = a.size() > 2 ? Optional.of(a.get(2).text()) : Optional.empty();
        if (user.isPresent() && !a.get(0).quoted()) {
            diag.warn(place, "'" + a.get(0).text() + " " + a.get(1).text() + "': keepalived runs "
                    + a.get(0).text() + " without arguments as user '" + a.get(1).text()
                    + "'; if '" + a.get(1).text() + "' is an argument, quote the whole command: \""
                    + a.get(0).text() + " " + a.get(1).text() + "\"");
        }
        if (a.size() > 3) {
            diag.warn(place, "extra tokens after user and group are ignored (quote the whole command)");
        }
        return new Script(argv, user, group);
    }

    /** Splits a command string into argv. */
    static List<String> split(String command) {
        List<String> argv = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < command.length()) {
                    w.append(command.charAt(++i));
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                w.append(command.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    argv.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            argv.add(w.toString());
        }
        return argv;
    }
}
