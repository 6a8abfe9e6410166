package io.vrrpd.lab;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Starts a small Java main of this module in a lab node ({@code ip netns exec NS java -cp ... MAIN}): a
 * client whose sockets must live in the node's namespace (the JVM running the tests sits in the host's and
 * cannot reach the lab's addresses). The class path is the code sources of this module and of pgjdbc, so
 * it works from failsafe (target/classes) and from the benchmark (target/test-lab.jar + target/lib).
 */
public final class LabJava {

    /** A small heap and the serial collector: several client JVMs share a two-core machine. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx96m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xss512k");

    private LabJava() {
    }

    /**
     * @param node the node whose namespace the JVM runs in
     * @param name the process name (log file {@code <lab dir>/<node>-<name>.log})
     * @param main the main class
     * @param args its arguments
     * @return the running process
     */
    public static LabProcess start(Node node, String name, Class<?> main, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(JVM_OPTIONS);
        argv.add("-cp");
        argv.add(classPath(main, org.postgresql.Driver.class));
        argv.add(main.getName());
        argv.addAll(args);
        return node.start(name, argv);
    }

    static String classPath(Class<?>... classes) {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException | NullPointerException e) {
                throw new LabException("cannot locate the class path entry of " + c.getName(), e);
            }
        }
        return String.join(":", entries);
    }
}
