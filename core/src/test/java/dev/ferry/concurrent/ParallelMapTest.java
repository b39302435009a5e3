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

    @Test
    void inOrderHandsResultsBackInOrderOnTheCallersThreadWithBoundedLookAhead() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger aheadMost = new AtomicInteger();
        List<Integer> seen = new java.util.ArrayList<>();
        Thread caller = Thread.currentThread();
        new ParallelMap(3, "test").inOrder(IntStream.range(0, 500).boxed().toList(), i -> {
            started.incrementAndGet();
            return i;
        }, r -> {
            assertTrue(Thread.currentThread() == caller, "results come back on the calling thread");
            aheadMost.accumulateAndGet(started.get() - seen.size(), Math::max);
            seen.add(r);
        });
        assertEquals(IntStream.range(0, 500).boxed().toList(), seen);
        assertTrue(aheadMost.get() <= 6, "at most 2 x jobs started ahead of the oldest unfinished: " + aheadMost.get());
    }

    @Test
    void boundedWorkRunsAtMostJobsAtOnceAndThrowsTheFirstFailureToTheProducer() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger cleaned = new AtomicInteger();
        try (BoundedWork work = new BoundedWork(2, "test")) {
            for (int i = 0; i < 50; i++) {
                work.submit(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.onSpinWait();
                    running.decrementAndGet();
                }, cleaned::incrementAndGet);
            }
            work.finish();
        }
        assertTrue(most.get() <= 2, "in flight: " + most.get());
        assertEquals(50, cleaned.get(), "the cleanup of every task ran");

        try (BoundedWork failing = new BoundedWork(1, "test")) {
            failing.submit(() -> {
                throw new IllegalStateException("upload 1");
            }, () -> { });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    failing.submit(() -> { }, () -> { });
                }
                failing.finish();
            });
            assertEquals("upload 1", e.getMessage());
        }
    }
}
