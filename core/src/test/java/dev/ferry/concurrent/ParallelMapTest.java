package dev.ferry.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelMapTest {
    @Test
    void mapsInOrderWithAtMostJobsInFlight() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        List<Integer> out = new ParallelMap(4, "test").map(items, i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.onSpinWait();
            running.decrementAndGet();
            return i * 2;
        });
        assertEquals(IntStream.range(0, 200).map(i -> i * 2).boxed().toList(), out);
        assertTrue(most.get() <= 4, "in flight at once: " + most.get());
    }

    @Test
    void takesItemsOnlyAsWorkersFreeUp() {
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger aheadMost = new AtomicInteger();
        Iterator<Integer> lazy = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return taken.get() < 1000;
            }

            @Override
            public Integer next() {
                aheadMost.accumulateAndGet(taken.incrementAndGet() - done.get(), Math::max);
                return taken.get();
            }
        };
        new ParallelMap(3, "test").forEach(lazy, i -> done.incrementAndGet());
        assertEquals(1000, done.get());
        assertTrue(aheadMost.get() <= 3, "items taken ahead of those done: " + aheadMost.get());
    }

    @Test
    void theFirstFailureStopsNewWorkAndIsThrown() {
        AtomicInteger started = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ParallelMap(2, "test")
                .map(IntStream.range(0, 10_000).boxed().toList(), i -> {
                    started.incrementAndGet();
                    if (i == 5) {
                        throw new IllegalStateException("item 5");
                    }
                    return i;
                }));
        assertEquals("item 5", e.getMessage());
        assertTrue(started.get() < 10_000, "stopped early: " + started.get());
    }
}
