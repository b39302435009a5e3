package dev.ferry.cli;

import dev.ferry.error.FerryException;
import dev.ferry.format.Word;
import java.util.Optional;

/** How a command prints its result: a table for people, JSON for pipelines, export lines for a shell. */
public enum OutputFormat implements Word {
    TEXT, JSON, SHELL;

    /** The format named {@code text}, when it is one. */
    static Optional<OutputFormat> named(String text) {
        return Word.find(values(), text);
    }

    static FerryException unknown(String text, String allowed) {
        return FerryException.badInput("'" + text + "' is not an output format", "use " + allowed);
    }
}
