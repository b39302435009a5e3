package dev.ferry.image.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits a remote command's byte stream into lines, hands each to a consumer (printed with the step's prefix)
 * and keeps the last few for the error message when the command fails.
 */
public final class OutputLines extends OutputStream {
    private static final int MAX_LINE = 16 * 1024;
    private final Consumer<String> sink;
    private final int keep;
    private final ArrayDeque<String> last = new ArrayDeque<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public OutputLines(Consumer<String> sink, int keep) {
        this.sink = sink;
        this.keep = keep;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n' || line.size() >= MAX_LINE) {
            emit();
            if (b == '\n') {
                return;
            }
        }
        line.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() {
        if (line.size() > 0) {
            emit();
        }
    }

    @Override
    public void close() {
        flush();
    }

    private void emit() {
        String s = line.toString(StandardCharsets.UTF_8);
        if (s.endsWith("\r")) {
            s = s.substring(0, s.length() - 1);
        }
        line.reset();
        sink.accept(s);
        last.addLast(s);
        while (last.size() > keep) {
            last.removeFirst();
        }
    }

    public synchronized List<String> lastLines() {
        return List.copyOf(last);
    }
}
