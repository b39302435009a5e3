package dev.ferry.concurrent;

import dev.ferry.error.FerryException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tasks handed over one at a time by a producer that must not run ahead (a bundle streaming past, its verified
 * assets uploaded while it goes on): {@link #submit} waits while {@code jobs} tasks run. The first failure stops
 * new tasks and is thrown to the producer at its next submit, and by {@link #finish}.
 */
public final class BoundedWork implements AutoCloseable {
    private final ExecutorService pool;
    private final Semaphore slots;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    public BoundedWork(int jobs, String name) {
        this.pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        this.slots = new Semaphore(jobs);
    }

    /** Runs {@code task} on a worker once one is free; {@code always} runs after it whatever happened (cleanup). */
    public void submit(Runnable task, Runnable always) {
        rethrow();
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            always.run();
            throw new FerryException("interrupted", "run the same command again to resume");
        }
        pool.execute(() -> {
            try {
                if (failure.get() == null) {
                    task.run();
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                always.run();
                slots.release();
            }
        });
    }

    /** The first failure so far, thrown on the caller's thread. */
    public void rethrow() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    /** Waits for every task; the first failure is thrown. */
    public void finish() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(1, TimeUnit.DAYS)) {
                throw new FerryException("the work did not finish", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException("interrupted", "run the same command again to resume");
        }
        rethrow();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
