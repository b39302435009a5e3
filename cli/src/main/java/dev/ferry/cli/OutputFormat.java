package dev.ferry.cli;

import dev.ferry.error.FerryException;
import java.util.Locale;
import java.util.Optional;

/** How a command prints its result: a table for people, JSON for pipelines, export lines for a shell. */
public enum OutputFormat {
    TEXT, JSON, SHELL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code text}, when it is one. */
    static Optional<OutputFormat> named(String text) {
        for (OutputFormat f : values()) {
            if (f.id().equalsIgnoreCase(text.trim())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    static FerryException unknown(String text, String allowed) {
        return FerryException.badInput("'" + text + "' is not an output format", "use " + allowed);
    }
}
