package dev.ferry.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void humanSizesReadAsBefore() {
        assertEquals("0 B", Sizes.human(0));
        assertEquals("1023 B", Sizes.human(1023));
        assertEquals("1.0 KiB", Sizes.human(1024));
        assertEquals("1.3 KiB", Sizes.human(1280)); // 1.25: half up
        assertEquals("1.1 KiB", Sizes.human(1152)); // 1.125
        assertEquals("100.0 KiB", Sizes.human(102359)); // 99.96 rounds up to the hundred, one decimal kept
        assertEquals("382 MiB", Sizes.human(400_556_032L));
        assertEquals("5000 TiB", Sizes.human(5000L << 40));
    }

    /** The hand-written rounding against the {@code String.format} it replaced, over every scale. */
    @Test
    void humanSizesAgreeWithFormat() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long bytes = random.nextLong(1L << random.nextInt(10, 52));
            assertEquals(formatted(bytes), Sizes.human(bytes), "bytes " + bytes);
        }
        for (long edge = 1024; edge < (1L << 50); edge <<= 1) {
            for (long b : new long[] {edge - 1, edge, edge + 1, edge * 5 / 4, edge * 41 / 40, edge * 1023 / 1024}) {
                assertEquals(formatted(b), Sizes.human(b), "bytes " + b);
            }
        }
    }

    /** The old way: the unit from the bit length, the value by one exact division, then String.format. */
    private static String formatted(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = Math.min(4, (63 - Long.numberOfLeadingZeros(bytes)) / 10);
        double v = bytes / Math.pow(1024, unit);
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, List.of("KiB", "MiB", "GiB", "TiB").get(unit - 1));
    }
}
