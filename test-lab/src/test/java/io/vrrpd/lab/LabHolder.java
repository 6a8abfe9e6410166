package io.vrrpd.lab;

import java.util.List;

/**
 * A separate JVM for {@link LabCrashIT}: makes a one-node lab running {@code sleep}, prints
 * {@code ready <lab id> <sleep pid> <lab dir>}, then either exits without closing the lab ({@code exit}: the shutdown
 * hook must clean up) or waits to be SIGKILLed ({@code hang}: the next lab's sweep must clean up).
 */
public final class LabHolder {

    private LabHolder() {
    }

    /** @param args {@code exit} or {@code hang} */
    public static void main(String[] args) throws InterruptedException {
        Lab lab = Lab.create(1);
        LabProcess sleeper = lab.node(1).start("sleeper", List.of("sleep", "300"));
        System.out.println("ready " + lab.id() + " " + sleeper.pid() + " " + lab.dir());
        System.out.flush();
        if (args.length > 0 && args[0].equals("hang")) {
            Thread.sleep(300_000);
        }
        System.exit(0);
    }
}
