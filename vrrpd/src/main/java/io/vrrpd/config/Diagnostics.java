package io.vrrpd.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every diagnostic of one load, so all errors are reported at once. */
final class Diagnostics {
    private final List<Diagnostic> all = new ArrayList<>();

    void error(Place place, String message) {
        all.add(new Diagnostic(Severity.ERROR, place.location(), place.phrase(message)));
    }

    void warn(Place place, String message) {
        all.add(new Diagnostic(Severity.WARNING, place.location(), place.phrase(message)));
    }

    void error(String location, String message) {
        all.add(new Diagnostic(Severity.ERROR, location, message));
    }

    void warn(String location, String message) {
        all.add(new Diagnostic(Severity.WARNING, location, message));
    }

    boolean hasErrors() {
        return all.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }

    List<Diagnostic> errors() {
        return all.stream().filter(d -> d.severity() == Severity.ERROR).toList();
    }

    List<Diagnostic> warnings() {
        return all.stream().filter(d -> d.severity() == Severity.WARNING).toList();
    }
}
