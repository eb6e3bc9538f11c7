package dev.cqrsorders.seed;

import java.util.Random;

/**
 * Independent, reproducible random streams derived from one {@code --seed}: each part of the output draws from
 * its own stream, so changing how much one part draws (e.g. a Datafaker upgrade) leaves the others unchanged.
 */
public final class RandomStreams {
    private RandomStreams() {
    }

    public static Random stream(long seed, int stream) {
        // SplitMix64's finaliser: seeds that differ by one give unrelated streams
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }
}
