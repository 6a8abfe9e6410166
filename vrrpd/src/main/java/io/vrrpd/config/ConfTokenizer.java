package io.vrrpd.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Splits keepalived.conf into tokens the way keepalived reads it: {@code !} and {@code #} start a comment
 * to the end of the line (outside quotes), braces are tokens wherever they are, double-quoted strings keep
 * their spaces and understand backslash escapes, and {@code include PATTERN...} is replaced by the tokens
 * of the matching files (globs, relative to the including file's directory, sorted like glob(3)).
 */
final class ConfTokenizer {
    private final Diagnostics diag;
    private final Path baseDir;
    private final Deque<Path> reading = new ArrayDeque<>();
    private final List<ConfToken> out = new ArrayList<>();

    private ConfTokenizer(Diagnostics diag, Path baseDir) {
        this.diag = diag;
        this.baseDir = baseDir;
    }

    /** Reads the main file; the caller has checked it is readable. */
    static List<ConfToken> tokenize(Path main, String text, Diagnostics diag) {
        Path abs = main.toAbsolutePath().normalize();
        ConfTokenizer t = new ConfTokenizer(diag, abs.getParent());
        t.reading.push(abs);
        t.lexFile(String.valueOf(main.getFileName()), abs, text);
        return t.out;
    }

    private void lexFile(String display, Path path, String text) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            List<ConfToken> toks = lexLine(lines[i], display, i + 1);
            if (!toks.isEmpty() && toks.get(0).text().equals("include") && !toks.get(0).quoted()) {
                if (toks.size() < 2) {
                    diag.error(toks.get(0).location(), "include needs a file name or pattern");
                }
                for (ConfToken pattern : toks.subList(1, toks.size())) {
                    include(pattern, path.getParent());
                }
            } else {
                out.addAll(toks);
            }
        }
    }

    private List<ConfToken> lexLine(String line, String file, int lineNo) {
        List<ConfToken> toks = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                int end = readQuoted(line, i + 1, word);
                if (end < 0) {
                    diag.error(file + ":" + lineNo, "unterminated quoted string");
                    return toks;
                }
                inWord = true;
                quoted = true;
                i = end + 1;
                continue;
            }
            if (c == '!' || c == '#' || c == '{' || c == '}' || Character.isWhitespace(c)) {
                if (inWord) {
                    toks.add(new ConfToken(word.toString(), quoted, file, lineNo));
                    word.setLength(0);
                    inWord = false;
                    quoted = false;
                }
                if (c == '!' || c == '#') {
                    return toks;
                }
                if (c == '{' || c == '}') {
                    toks.add(new ConfToken(String.valueOf(c), false, file, lineNo));
                }
            } else {
                word.append(c);
                inWord = true;
            }
            i++;
        }
        if (inWord) {
            toks.add(new ConfToken(word.toString(), quoted, file, lineNo));
        }
        return toks;
    }

    /** @return index of the closing quote, or -1 when the line ends first */
    private static int readQuoted(String line, int from, StringBuilder word) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < line.length()) {
                char n = line.charAt(++i);
                word.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                word.append(c);
            }
            i++;
        }
        return -1;
    }

    private void include(ConfToken pattern, Path dir) {
        List<Path> matches = new ArrayList<>();
        try {
            Path p = dir.resolve(pattern.text()).normalize();
            expand(p.getRoot(), p, 0, matches);
        } catch (IOException e) {
            diag.error(pattern.location(), "include " + pattern.text() + ": cannot list " + e.getMessage());
            return;
        } catch (InvalidPathException | PatternSyntaxException e) {
            // Found by fuzzing: an unbalanced "{" or a NUL byte made the glob or the path throw.
            String why = e instanceof PatternSyntaxException pse ? pse.getDescription() : ((InvalidPathException) e).getReason();
            diag.error(pattern.location(), "include " + pattern.text() + ": not a valid file pattern (" + why + ")");
            return;
        }
        if (matches.isEmpty()) {
            diag.warn(pattern.location(), "include " + pattern.text() + " matches no file");
            return;
        }
        matches.sort(null);
        for (Path m : matches) {
            Path abs = m.toAbsolutePath().normalize();
            String display = display(abs);
            if (reading.contains(abs)) {
                diag.error(pattern.location(), "include loop: " + display + " is already being read");
                continue;
            }
            if (Files.isDirectory(abs)) {
                diag.error(pattern.location(), "cannot read included file " + display + ": is a directory");
                continue;
            }
            String text;
            try {
                text = new String(Files.readAllBytes(abs), StandardCharsets.UTF_8);
            } catch (IOException e) {
                diag.error(pattern.location(), "cannot read included file " + display + ": " + reason(e));
                continue;
            }
            reading.push(abs);
            lexFile(display, abs, text);
            reading.pop();
        }
    }

    /** Expands glob characters component by component, as glob(3) does. */
    private static void expand(Path current, Path pattern, int index, List<Path> matches) throws IOException {
        if (index == pattern.getNameCount()) {
            if (Files.exists(current)) {
                matches.add(current);
            }
            return;
        }
        String part = pattern.getName(index).toString();
        if (!part.matches(".*[*?\\[{].*")) {
            expand(current == null ? Path.of(part) : current.resolve(part), pattern, index + 1, matches);
            return;
        }
        Path dir = current == null ? Path.of(".") : current;
        if (!Files.isDirectory(dir)) {
            return;
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + part);
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path child : ds) {
                String name = child.getFileName().toString();
                if (!name.startsWith(".") && m.matches(child.getFileName())) {
                    children.add(child);
                }
            }
        }
        children.sort(null);
        for (Path child : children) {
            expand(child, pattern, index + 1, matches);
        }
    }

    private String display(Path abs) {
        return abs.startsWith(baseDir) ? baseDir.relativize(abs).toString() : abs.toString();
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
