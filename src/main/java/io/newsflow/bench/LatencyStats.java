package io.newsflow.bench;

import java.util.Arrays;

/** Percentiles over a set of latency samples in milliseconds. Not thread-safe. */
public final class LatencyStats {

    private long[] samples = new long[1024];
    private int size;

    public void add(long millis) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = millis;
    }

    public int count() {
        return size;
    }

    /** The q-th percentile (nearest rank), or -1 without samples. */
    public long percentile(double q) {
        if (size == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }
}
