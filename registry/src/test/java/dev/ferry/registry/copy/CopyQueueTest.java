package dev.ferry.registry.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.concurrent.ParallelMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyQueueTest {
    @Test
    void readsGoFirstUntilTheirShareOfWorkersReadsWhileBlobsWaitThenTheLargestBlob() {
        List<String> ran = new ArrayList<>();
        CopyQueue q = new CopyQueue(2);
        for (String r : List.of("read 1", "read 2", "read 3")) {
            q.read(() -> ran.add(r));
        }
        q.send(10, () -> ran.add("blob 10"));
        q.send(30, () -> ran.add("blob 30"));
        q.send(20, () -> ran.add("blob 20"));

        Runnable first = q.next();
        Runnable second = q.next();
        Runnable third = q.next(); // two reading, blobs waiting: a blob, the largest
        Runnable fourth = q.next();
        third.run();
        fourth.run();
        first.run(); // one read ended: the next read may start
        q.next().run();
        Runnable last = q.next();
        second.run();
        last.run();
        assertEquals(List.of("blob 30", "blob 20", "read 1", "read 3", "read 2", "blob 10"), ran);
        assertFalse(q.hasNext(), "nothing waits, nothing runs");
    }

    @Test
    void aWorkerWithNothingToDoWaitsForTheWorkUnderWayToAddMore() {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CopyQueue q = new CopyQueue(4);
        q.read(() -> {
            sleep(200); // the other workers find the queue empty meanwhile, and must wait rather than leave
            ran.add("read");
            q.send(1, () -> ran.add("blob 1"));
            q.send(2, () -> ran.add("blob 2"));
        });
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> new ParallelMap(4, "test").forEach(q, Runnable::run));
        assertEquals(3, ran.size(), ran.toString());
        assertEquals("read", ran.get(0));
        assertTrue(ran.containsAll(List.of("blob 1", "blob 2")));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
