package io.vrrpd.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeLogTest {

    @Test
    void countsSamplesWhereTwoServersAcceptedAWrite() {
        ProbeLog log = ProbeLog.parse(String.join("\n",
                "sample 1 W R",
                "sample 2 W D",
                "sample 3 ? W",
                "sample 4 W W",
                "sample 5 D D",
                "sample 6 W X",
                "sample 7 W"));
        assertEquals(6, log.samples().size(), "the line with an unknown state letter is dropped");
        assertEquals(List.of(4L), log.bothWritable().stream().map(ProbeLog.Sample::atMicros).toList());
        assertEquals(4, log.oneWritable(), "samples 1, 2, 3 and the torn one-column line 7");
        assertEquals("6 samples, 1 writable in 4, 2 writable in 1", log.summary());
    }
}
