package io.vrrpd.election.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Thousands of seeded random scenarios through {@link ScenarioRunner}. {@code -Dsim.seed=N} replays one seed
 * with its trace; {@code -Dsim.scenarios=N} and {@code -Dsim.firstSeed=N} explore other seeds.
 */
class ElectionSimulationTest {
    private static final String REPLAY = "mvn -B -pl vrrpd test -Dtest=ElectionSimulationTest -Dsim.seed=";

    @Test
    void electionPropertiesHoldAcrossSeededRandomScenarios() {
        String single = System.getProperty("sim.seed");
        if (single != null && !single.isBlank()) {
            ScenarioRunner.Outcome outcome = ScenarioRunner.run(Scenario.generate(Long.parseLong(single)), true);
            System.out.println(outcome.scenario().describe());
            System.out.println(outcome.trace());
            assertTrue(outcome.violations().isEmpty(), "seed " + single + ": " + outcome.violations());
            return;
        }
        long first = Long.getLong("sim.firstSeed", 1L);
        int count = Integer.getInteger("sim.scenarios", 10_000);
        long started = System.nanoTime();
        List<ScenarioRunner.Outcome> outcomes = LongStream.range(first, first + count).parallel()
                .mapToObj(seed -> ScenarioRunner.run(Scenario.generate(seed), false))
                .toList();
        List<ScenarioRunner.Outcome> failed = outcomes.stream().filter(o -> !o.violations().isEmpty())
                .sorted(Comparator.comparingLong(o -> o.scenario().seed())).toList();
        long tieBreaks = outcomes.stream().filter(ScenarioRunner.Outcome::tieBreakChecked).count();
        long takeovers = outcomes.stream().filter(ScenarioRunner.Outcome::takeoverChecked).count();
        System.out.printf("election simulation: %d scenarios, %d failed, %d tie-break checks, %d timed takeovers,"
                + " %.1f s%n", count, failed.size(), tieBreaks, takeovers, (System.nanoTime() - started) / 1e9);
        if (!failed.isEmpty()) {
            ScenarioRunner.Outcome worst = failed.get(0);
            long seed = worst.scenario().seed();
            ScenarioRunner.Outcome replay = ScenarioRunner.run(Scenario.generate(seed), true);
            System.out.println(replay.scenario().describe());
            System.out.println(replay.trace());
            fail(failed.size() + " of " + count + " scenarios failed; seeds "
                    + failed.stream().limit(20).map(o -> o.scenario().seed()).toList() + System.lineSeparator()
                    + "first: seed " + seed + ": " + worst.violations() + System.lineSeparator()
                    + "replay: " + REPLAY + seed);
        }
        assertTrue(tieBreaks >= count / 200 && takeovers > count / 2,
                "too few scenarios exercised the tie-break (" + tieBreaks + ") or timed takeover (" + takeovers
                        + "): the generator no longer covers them");
    }
}
