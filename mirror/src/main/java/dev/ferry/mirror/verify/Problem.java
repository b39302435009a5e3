package dev.ferry.mirror.verify;

import java.util.Objects;

/**
 * One thing wrong with one object, and what to do about it.
 *
 * @param key    the object's key in the mirror (the object, not its sidecar, so problems group by object)
 * @param detail what was found, with the values
 * @param fix    what to do, as a command where there is one
 */
public record Problem(String key, ProblemKind kind, String detail, String fix) {
    public Problem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(fix, "fix");
    }
}
