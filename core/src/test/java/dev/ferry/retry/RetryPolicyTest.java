package dev.ferry.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final RetryPolicy FAST = RetryPolicy.exponential(3, Duration.ofMillis(1), Duration.ofMillis(4));

    @Test
    void retriesWhatTheCallerCallsTransientThenSucceeds() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> heard = new ArrayList<>();
        String result = FAST.run(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("reset");
            }
            return "ok";
        }, e -> e instanceof IOException, (n, delay, e) -> heard.add(n));
        assertEquals("ok", result);
        assertEquals(3, calls.get());
        assertEquals(List.of(1, 2), heard);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailure() {
        AtomicInteger calls = new AtomicInteger();
        IOException last = assertThrows(IOException.class, () -> FAST.run(() -> {
            throw new IOException("attempt " + calls.incrementAndGet());
        }, e -> true, RetryPolicy.RetryListener.SILENT));
        assertEquals(4, calls.get(), "3 retries after the first attempt");
        assertEquals("attempt 4", last.getMessage());
    }

    @Test
    void aPermanentFailureIsThrownAtOnceAndUncheckedOnesPassThrough() {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException e = new IllegalStateException("404");
        assertSame(e, assertThrows(IllegalStateException.class, () -> FAST.run(() -> {
            calls.incrementAndGet();
            throw e;
        }, x -> x instanceof IOException, RetryPolicy.RetryListener.SILENT)));
        assertEquals(1, calls.get());
    }

    @Test
    void delaysDoubleUpToTheCapAndJitterStaysWithinHalfToWhole() {
        RetryPolicy p = RetryPolicy.exponential(10, Duration.ofMillis(100), Duration.ofMillis(1000));
        for (int i = 0; i < 50; i++) {
            long d1 = p.delay(1).toMillis();
            long d3 = p.delay(3).toMillis();
            long d9 = p.delay(9).toMillis();
            assertTrue(d1 >= 50 && d1 <= 100, "first " + d1);
            assertTrue(d3 >= 200 && d3 <= 400, "third " + d3);
            assertTrue(d9 >= 500 && d9 <= 1000, "capped " + d9);
        }
        assertEquals(Duration.ofMillis(20), RetryPolicy.polling(Duration.ofMillis(20), Duration.ofSeconds(1)).delay(7), "polling: fixed, no jitter");
    }

    @Test
    void pollingStopsAtTheDeadlineWithNoAnswer() {
        AtomicInteger checks = new AtomicInteger();
        long start = System.nanoTime();
        Optional<String> answer = RetryPolicy.polling(Duration.ofMillis(5), Duration.ofMillis(60)).poll(() -> {
            checks.incrementAndGet();
            return Optional.empty();
        });
        assertTrue(answer.isEmpty());
        assertTrue(checks.get() >= 2, "checked more than once: " + checks.get());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(60).toNanos(), "waited until the deadline");
    }

    @Test
    void pollingReturnsTheFirstAnswer() {
        AtomicInteger checks = new AtomicInteger();
        Optional<Integer> answer = RetryPolicy.polling(Duration.ofMillis(1), Duration.ofSeconds(5))
                .poll(() -> checks.incrementAndGet() == 3 ? Optional.of(3) : Optional.empty());
        assertEquals(Optional.of(3), answer);
    }
}
