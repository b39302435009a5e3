package dev.ferry.concurrent;

import dev.ferry.error.FerryException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Work on many items, {@code jobs} at a time: sync, verify, pack and push each run their items through one of
 * these. Workers take the next item only when they are free, so what is held in memory is what is in flight,
 * not the whole list. The first unchecked failure stops new items from starting and is thrown once the
 * running ones finish; work that must fail alone catches its own failures.
 *
 * @param jobs  items in flight at once (at least 1)
 * @param name  the worker threads' name, seen in thread dumps and profiles
 */
public record ParallelMap(int jobs, String name) {

    public ParallelMap {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs " + jobs);
        }
    }

    /** {@code fn} of every item, in the items' order. */
    public <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> fn) {
        List<R> out = new ArrayList<>(Collections.nCopies(items.size(), null));
        AtomicInteger next = new AtomicInteger();
        Iterator<Integer> indexes = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return next.get() < items.size();
            }

            @Override
            public Integer next() {
                return next.getAndIncrement();
            }
        };
        forEach(indexes, i -> {
            R r = fn.apply(items.get(i));
            synchronized (out) {
                out.set(i, r);
            }
        });
        return out;
    }

    /** Runs {@code work} on every item the iterator gives, taking items only as workers free up. */
    public <T> void forEach(Iterator<T> items, Consumer<? super T> work) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            while (failure.get() == null && !Thread.currentThread().isInterrupted()) {
                T item;
                synchronized (items) {
                    if (!items.hasNext()) {
                        return;
                    }
                    item = items.next();
                }
                try {
                    work.accept(item);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            Thread t = new Thread(worker, name + "-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            throw new FerryException("interrupted", "run the same command again to resume");
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    /**
     * {@code fn} of every item, each result handed to {@code done} in the items' order, on the calling thread. At
     * most {@code 2 × jobs} items are started ahead of the oldest unfinished one, so a 100,000-asset lock does not
     * become 100,000 queued tasks. The first failure, in item order, is thrown; items after it are not started.
     */
    public <T, R> void inOrder(Iterable<T> items, Function<? super T, ? extends R> fn, Consumer<? super R> done) {
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        Deque<Future<? extends R>> inFlight = new ArrayDeque<>();
        try {
            Iterator<T> it = items.iterator();
            while (it.hasNext() || !inFlight.isEmpty()) {
                while (it.hasNext() && inFlight.size() < 2 * jobs) {
                    T item = it.next();
                    inFlight.add(pool.submit(() -> fn.apply(item)));
                }
                done.accept(inFlight.removeFirst().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException("interrupted", "run the same command again to resume");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code fn} of every item, each result handed to {@code sink} as it completes (from the worker's thread). */
    public <T, R> void forEach(Iterator<T> items, Function<? super T, ? extends R> fn, Consumer<? super R> sink) {
        forEach(items, item -> sink.accept(fn.apply(item)));
    }
}
