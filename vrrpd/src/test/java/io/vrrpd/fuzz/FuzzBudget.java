package io.vrrpd.fuzz;

/**
 * How many inputs a fuzz test runs: a short run by default so {@code mvn verify} stays quick, the long
 * run with {@code -Dfuzz.inputs=1000000} (BENCHMARKS.md has the command and its last result), and
 * {@code -Dfuzz.seed=N} to replay or vary a run.
 */
public final class FuzzBudget {
    private FuzzBudget() {
    }

    /** The number of inputs per parser: {@code fuzz.inputs}, else {@code shortRun}. */
    public static int inputs(int shortRun) {
        return Integer.getInteger("fuzz.inputs", shortRun);
    }

    /** The seed: {@code fuzz.seed}, else {@code fallback}. */
    public static long seed(long fallback) {
        return Long.getLong("fuzz.seed", fallback);
    }
}
