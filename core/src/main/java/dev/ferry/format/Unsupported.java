package dev.ferry.format;

import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * Thrown inside the fast readers ({@link BlockYaml}, {@link JsonReader}) when the text steps outside what they
 * read: the caller then gives the text to the general parser. Carries no stack: it is a turn, not an error.
 */
final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    /** Marks of the fast readers carry a line and column, not the text around them. */
    private static final int[] NO_SNIPPET = new int[0];

    Unsupported() {
        super(null, null, false, false);
    }

    /** A mark at 0-based {@code line} and {@code column} of {@code source}, {@code index} characters in. */
    static Optional<Mark> mark(String source, int index, int line, int column) {
        return Optional.of(new Mark(source, index, line, column, NO_SNIPPET, 0));
    }
}
