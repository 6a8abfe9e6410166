package io.vrrpd.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One host of the lab: a network namespace whose {@code eth0} is a veth cabled to the lab's bridge, with the
 * address 192.0.2.(10+index)/24. Commands and daemons run inside it through {@code ip netns exec}.
 */
public final class Node {

    /** The node's interface name, the same on every node so one config fits all. */
    public static final String ETH0 = "eth0";

    private static final Pattern LINK_ETHER = Pattern.compile("link/ether ([0-9a-f:]{17})");
    private static final Pattern FLAGS = Pattern.compile("<([^>]*)>");

    private final Lab lab;
    private final int index;
    private final String namespace;
    private final String bridgePort;

    Node(Lab lab, int index, String namespace, String bridgePort) {
        this.lab = lab;
        this.index = index;
        this.namespace = namespace;
        this.bridgePort = bridgePort;
    }

    /** @return the 1-based node number ({@code n1} is 1) */
    public int index() {
        return index;
    }

    /** @return the short name used in file names and messages, e.g. {@code n1} */
    public String name() {
        return "n" + index;
    }

    /** @return the network namespace, e.g. {@code vrl4242-1-n1} */
    public String namespace() {
        return namespace;
    }

    /** @return the node's own address on eth0, e.g. {@code 192.0.2.11} */
    public String address() {
        return Lab.nodeAddress(index);
    }

    /** @return the lab this node belongs to */
    public Lab lab() {
        return lab;
    }

    /**
     * Runs a one-shot command inside the namespace with {@link CommandRunner#DEFAULT_TIMEOUT}.
     *
     * @param argv the command line
     * @return exit code and output
     */
    public CommandResult run(String... argv) {
        return run(CommandRunner.DEFAULT_TIMEOUT, List.of(argv));
    }

    /**
     * Runs a one-shot command inside the namespace.
     *
     * @param timeout how long it may take
     * @param argv    the command line
     * @return exit code and output
     */
    public CommandResult run(Duration timeout, List<String> argv) {
        return CommandRunner.run(timeout, inNamespace(argv));
    }

    /**
     * Starts a long-running process inside the namespace; its output goes to
     * {@code <lab dir>/<node>-<name>.log}. The lab stops it on close.
     *
     * @param name a name unique in this node, used for the log file, e.g. {@code "keepalived"}
     * @param argv the command line
     * @return the running process
     */
    public LabProcess start(String name, List<String> argv) {
        return start(name, argv, Map.of());
    }

    /**
     * Starts a long-running process inside the namespace with extra environment variables (e.g.
     * {@code JAVA_OPTS} for a vrrpd launcher); otherwise as {@link #start(String, List)}.
     *
     * @param name a name unique in this node, used for the log file
     * @param argv the command line
     * @param env  variables to set on top of the JVM's environment
     * @return the running process
     */
    public LabProcess start(String name, List<String> argv, Map<String, String> env) {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("process name must be [A-Za-z0-9_.-]+ (was " + name + ")");
        }
        Path log = lab.dir().resolve(name() + "-" + name + ".log");
        List<String> full = inNamespace(argv);
        try {
            ProcessBuilder pb = new ProcessBuilder(full);
            // The lab is no systemd service: a daemon under test must not notify the test runner's manager.
            pb.environment().remove("NOTIFY_SOCKET");
            pb.environment().putAll(env);
            Process p = pb
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            LabProcess lp = new LabProcess(name, this, argv, p, log);
            lab.register(lp);
            return lp;
        } catch (IOException e) {
            throw new LabException(String.join(" ", full) + ": cannot start: " + e.getMessage(), e);
        }
    }

    /** @return the addresses on eth0 */
    public List<InterfaceAddress> addresses() {
        return addresses(ETH0);
    }

    /**
     * @param device an interface in this namespace
     * @return its addresses, parsed from {@code ip -o addr show dev DEVICE}
     */
    public List<InterfaceAddress> addresses(String device) {
        return InterfaceAddress.parseIpOneline(ip("-o", "addr", "show", "dev", device).stdout());
    }

    /**
     * @param address an address without prefix, e.g. {@code 192.0.2.100}
     * @return true if eth0 has it now
     */
    public boolean hasAddress(String address) {
        return addresses().stream().anyMatch(a -> a.address().equals(address));
    }

    /** @return eth0's global IPv6 address, 2001:db8::(10+index) */
    public String ipv6Address() {
        return Lab.nodeIpv6Address(index);
    }

    /** @return eth0's IPv6 link-local address (the source of this node's VRRPv3 IPv6 adverts) */
    public String linkLocal() {
        return addresses().stream().filter(a -> a.family().equals("inet6") && a.address().startsWith("fe80:"))
                .map(InterfaceAddress::address).findFirst()
                .orElseThrow(() -> new LabException(namespace + ": no IPv6 link-local address on " + ETH0));
    }

    /** @return eth0's MAC address, e.g. {@code 02:ab:...}, as lower-case hex with colons */
    public String mac() {
        Matcher m = LINK_ETHER.matcher(ip("-o", "link", "show", "dev", ETH0).stdout());
        if (!m.find()) {
            throw new LabException(namespace + ": no link/ether on " + ETH0);
        }
        return m.group(1);
    }

    /** @return true if eth0 has carrier ({@code LOWER_UP}) */
    public boolean hasCarrier() {
        Matcher m = FLAGS.matcher(ip("-o", "link", "show", "dev", ETH0).stdout());
        return m.find() && List.of(m.group(1).split(",")).contains("LOWER_UP");
    }

    /**
     * Cuts the cable: sets the bridge-side end of the veth down. Inside the node eth0 stays
     * administratively UP but loses carrier (NO-CARRIER, operstate DOWN, no LOWER_UP), exactly as when a
     * switch port dies; its addresses stay. (Setting eth0 itself down would be an admin action
     * on the node, see {@link #adminDown()}.) Checked on Linux 6.1: the peer's carrier follows at once.
     */
    public void linkDown() {
        lab.switchIp("link", "set", "dev", bridgePort, "down");
    }

    /** Reconnects the cable cut by {@link #linkDown()}; carrier returns inside the node. */
    public void linkUp() {
        lab.switchIp("link", "set", "dev", bridgePort, "up");
    }

    /**
     * Stops or restores the switch flooding multicast to this node ({@code bridge link set dev PORT
     * mcast_flood off|on}, bridge(8); the lab's bridge has multicast snooping off, so every multicast frame
     * is flooded and the flag decides alone). With flooding off the node hears no VRRP advert from the others
     * while its own still reach them: a one-way deafness, carrier and unicast untouched.
     *
     * @param flood false to make the node deaf to multicast, true to restore it
     */
    public void multicastFloodToNode(boolean flood) {
        lab.switchBridge("link", "set", "dev", bridgePort, "mcast_flood", flood ? "on" : "off");
    }

    /** Sets eth0 administratively down inside the node ({@code ip link set eth0 down}): IFF_UP clears. */
    public void adminDown() {
        ip("link", "set", "dev", ETH0, "down").orThrow();
    }

    /** Sets eth0 administratively up again. */
    public void adminUp() {
        ip("link", "set", "dev", ETH0, "up").orThrow();
    }

    /**
     * Runs {@code ip -n NAMESPACE ARGS...}.
     *
     * @param args the ip arguments
     * @return the result (check {@link CommandResult#ok()} or call {@link CommandResult#orThrow()})
     */
    public CommandResult ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", namespace));
        argv.addAll(List.of(args));
        return CommandRunner.run(CommandRunner.DEFAULT_TIMEOUT, argv);
    }

    private List<String> inNamespace(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command line");
        }
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(argv);
        return full;
    }

    @Override
    public String toString() {
        return name() + "(" + namespace + ", " + address() + ")";
    }
}
