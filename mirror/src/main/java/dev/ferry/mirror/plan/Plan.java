package dev.ferry.mirror.plan;

import dev.ferry.mirror.catalog.PlannedImage;
import dev.ferry.mirror.lock.Lock;
import java.util.List;

/**
 * A planned mirror: the lock, and what the user should know about how it was made; and the container images the
 * clusters pull, sorted by reference, with where each was named and notes of their own (the lock lists the same
 * images, with their pins).
 */
public record Plan(Lock lock, List<String> notes, List<PlannedImage> images, List<String> imageNotes) {
    public Plan {
        notes = List.copyOf(notes);
        images = List.copyOf(images);
        imageNotes = List.copyOf(imageNotes);
    }

    /** A plan of files only. */
    public Plan(Lock lock, List<String> notes) {
        this(lock, notes, List.of(), List.of());
    }
}
