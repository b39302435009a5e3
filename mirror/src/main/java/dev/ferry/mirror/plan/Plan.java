package dev.ferry.mirror.plan;

import dev.ferry.mirror.lock.Lock;
import java.util.List;

/** A planned mirror: the lock, and what the user should know about how it was made. */
public record Plan(Lock lock, List<String> notes) {
    public Plan {
        notes = List.copyOf(notes);
    }
}
