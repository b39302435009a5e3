package dev.ferry.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void aTreeOfTasksReportsIntoOneListener() {
        List<ProgressEvent> events = new ArrayList<>();
        try (Progress root = Progress.root("syncing", events::add)) {
            root.plan(2, "files", 30);
            try (Progress a = root.child("a")) {
                a.moved(10);
                a.info("retrying a");
            }
            Progress b = root.child("b");
            b.moved(20);
            b.close();
            b.close();
        }
        assertEquals(List.of("Started", "Planned", "Started", "Moved", "Said", "Finished", "Started", "Moved", "Finished", "Finished"),
                events.stream().map(e -> e.getClass().getSimpleName()).toList());
        long root = events.get(0).task().id();
        assertEquals(root, events.get(2).task().parent(), "a child names its parent");
        assertEquals(0, events.get(0).task().parent());
        assertInstanceOf(ProgressEvent.Said.class, events.get(4));
        assertEquals(ProgressEvent.Level.INFO, ((ProgressEvent.Said) events.get(4)).level());
    }

    @Test
    void noListenerNoEventsNoAllocation() {
        Progress p = Progress.root("x", ProgressListener.NONE);
        assertSame(Progress.none(), p);
        assertSame(Progress.none(), p.child("y"));
    }
}
