package io.vrrpd.election;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The hand-built seconds of transition reasons read as String.format("%.2f s") did. */
class ReasonSecondsTest {
    @Test
    void hundredthsRoundedAsTheFormatterRoundedThem() {
        assertEquals("0.36 s", InstanceStateMachine.seconds(360_937_500L));
        assertEquals("3.61 s", InstanceStateMachine.seconds(3_609_375_000L));
        assertEquals("0.00 s", InstanceStateMachine.seconds(0));
        assertEquals("0.05 s", InstanceStateMachine.seconds(50_000_000L));
        assertEquals("12.00 s", InstanceStateMachine.seconds(11_999_000_000L));
        assertEquals("-0.20 s", InstanceStateMachine.seconds(-200_000_000L));
    }
}
