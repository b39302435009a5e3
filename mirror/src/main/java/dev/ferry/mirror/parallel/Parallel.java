package dev.ferry.mirror.parallel;

import dev.ferry.error.FerryException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Per-item work on a few threads, for syncs and verifications over locks of any size: at most
 * {@code 2 × jobs} items are started ahead of the oldest unfinished one, so memory follows what is in
 * flight (a 100,000-asset lock does not become 100,000 queued tasks), and results come back in the items'
 * order on the calling thread.
 */
public final class Parallel {
    private Parallel() {}

    /**
     * Runs {@code task} for every item and hands each result to {@code done}, in order.
     *
     * @throws RuntimeException whatever a task threw (the first one, in item order); the rest are not started
     */
    public static <T, R> void inOrder(Iterable<T> items, int jobs, String threadName, Function<T, R> task, Consumer<R> done) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        Deque<Future<R>> inFlight = new ArrayDeque<>();
        try {
            Iterator<T> it = items.iterator();
            while (it.hasNext() || !inFlight.isEmpty()) {
                while (it.hasNext() && inFlight.size() < 2 * jobs) {
                    T item = it.next();
                    inFlight.add(pool.submit(() -> task.apply(item)));
                }
                done.accept(inFlight.removeFirst().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException("interrupted; run again to resume");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
