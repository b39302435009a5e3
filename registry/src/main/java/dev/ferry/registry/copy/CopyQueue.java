package dev.ferry.registry.copy;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * A copy's work as it becomes known: image reads, all known at the start, and blob sends, known as the images that
 * need them are read. Bytes start to move as soon as the first image is read, instead of after the last: the
 * reads are round trips to two registries, the sends are CPU and network, and overlapped they keep both busy.
 *
 * <p>A free worker takes an image read, unless {@code maxReads} workers are reading already while blobs wait; then
 * the largest waiting blob, so that long transfers start early instead of trailing alone at the end. When nothing
 * waits, a worker blocks until the work under way ends or adds more; the queue is empty when nothing waits and
 * nothing runs. One iterator for {@code ParallelMap.forEach}, which takes items under this object's monitor.
 */
final class CopyQueue implements Iterator<Runnable> {
    private record Send(long size, long order, Runnable work) {}

    private static final Comparator<Send> LARGEST_FIRST = Comparator.comparingLong(Send::size).reversed().thenComparingLong(Send::order);

    private final int maxReads;
    private final Deque<Runnable> reads = new ArrayDeque<>();
    private final PriorityQueue<Send> sends = new PriorityQueue<>(LARGEST_FIRST);
    private long added;
    private int running;
    private int reading;

    /** @param maxReads image reads at once while blobs wait to be sent (at least 1) */
    CopyQueue(int maxReads) {
        this.maxReads = Math.max(1, maxReads);
    }

    synchronized void read(Runnable work) {
        reads.add(work);
        notifyAll();
    }

    /** A blob of {@code size} bytes to send. */
    synchronized void send(long size, Runnable work) {
        sends.add(new Send(size, added++, work));
        notifyAll();
    }

    @Override
    public synchronized boolean hasNext() {
        while (reads.isEmpty() && sends.isEmpty() && running > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the worker sees it and stops
                return false;
            }
        }
        return !reads.isEmpty() || !sends.isEmpty();
    }

    @Override
    public synchronized Runnable next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        boolean read = !reads.isEmpty() && (sends.isEmpty() || reading < maxReads);
        Runnable work = read ? reads.poll() : sends.poll().work();
        running++;
        if (read) {
            reading++;
        }
        return () -> {
            try {
                work.run();
            } finally {
                ended(read);
            }
        };
    }

    private synchronized void ended(boolean read) {
        running--;
        if (read) {
            reading--;
        }
        notifyAll();
    }
}
