package io.vrrpd.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Prints a model in vrrpd's YAML format, every effective value spelled out, so that reading the output
 * back gives an equal {@link VrrpdConfig}. Used by {@code vrrpctl convert}.
 */
public final class YamlWriter {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private YamlWriter() {
    }

    /** @return the YAML document */
    public static String write(VrrpdConfig c) {
        ObjectNode root = F.objectNode();
        root.set("global", globals(c.globals()));
        ObjectNode instances = root.putObject("instances");
        c.instances().forEach(i -> instances.set(i.name(), instance(i)));
        if (!c.scripts().isEmpty()) {
            ObjectNode scripts = root.putObject("scripts");
            c.scripts().values().forEach(s -> {
                ObjectNode n = scripts.putObject(s.name());
                command(n, s.script());
                n.put("interval", DurationText.format(s.interval()));
                n.put("timeout", DurationText.format(s.timeout()));
                n.put("weight", s.weight());
                n.put("rise", s.rise());
                n.put("fall", s.fall());
                if (s.reverse()) {
                    n.put("reverse", true);
                }
                if (s.initFail()) {
                    n.put("init_fail", true);
                }
            });
        }
        if (!c.trackFiles().isEmpty()) {
            ObjectNode files = root.putObject("track_files");
            c.trackFiles().values().forEach(f -> {
                ObjectNode n = files.putObject(f.name()).put("file", f.file()).put("weight", f.weight());
                if (f.reverse()) {
                    n.put("reverse", true);
                }
            });
        }
        if (!c.syncGroups().isEmpty()) {
            ObjectNode groups = root.putObject("sync_groups");
            c.syncGroups().forEach(g -> {
                ObjectNode n = groups.putObject(g.name());
                ArrayNode members = n.putArray("instances");
                g.instances().forEach(members::add);
                notify(n, g.notifications());
                n.put("smtp_alert", g.smtpAlert());
            });
        }
        YAMLFactory factory = YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .stringQuotingChecker(new RetypeChecker()).build();
        YAMLMapper mapper = new YAMLMapper(factory);
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            // A tree of strings, numbers and booleans always serialises; this would be a Jackson defect.
            throw new IllegalStateException("cannot write YAML", e);
        }
    }

    /**
     * Quotes every string that the YAML reader would otherwise resolve to another type (1e3, 0x1f, 12:30,
     * yes, ~): asks SnakeYAML's own resolver, the one that reads the file back.
     */
    private static final class RetypeChecker extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;
        private static final Resolver RESOLVER = new Resolver();

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || !Tag.STR.equals(RESOLVER.resolve(NodeId.scalar, value, true));
        }
    }

    private static ObjectNode globals(Globals g) {
        ObjectNode n = F.objectNode();
        g.routerId().ifPresent(v -> n.put("router_id", v));
        ObjectNode notification = n.putObject("notification");
        ArrayNode emails = notification.putArray("emails");
        g.notificationEmails().forEach(emails::add);
        g.notificationEmailFrom().ifPresent(v -> notification.put("from", v));
        notification.put("smtp_alert", g.smtpAlert());
        notification.put("queue_size", g.smtpOptions().queueSize());
        ObjectNode smtp = notification.putObject("smtp");
        g.smtpServer().ifPresent(v -> smtp.put("server", v));
        smtp.put("port", g.smtpPort());
        smtp.put("connect_timeout", DurationText.format(g.smtpConnectTimeout()));
        g.smtpHeloName().ifPresent(v -> smtp.put("helo_name", v));
        SmtpOptions o = g.smtpOptions();
        smtp.put("security", o.security().yamlName());
        o.username().ifPresent(v -> smtp.put("username", v));
        o.passwordFile().ifPresent(v -> smtp.put("password_file", v.toString()));
        smtp.put("retries", o.retries());
        smtp.put("retry_delay", DurationText.format(o.retryDelay()));
        g.scriptUser().ifPresent(v -> n.put("script_user", v));
        g.scriptGroup().ifPresent(v -> n.put("script_group", v));
        n.put("enable_script_security", g.enableScriptSecurity());
        n.put("startup_delay", DurationText.format(g.vrrpStartupDelay()));
        n.put("vrrp_version", g.vrrpVersion());
        n.set("garp", garp(g.garp()));
        n.put("state_dir", g.stateDir().toString());
        n.put("runtime_dir", g.runtimeDir().toString());
        n.put("realtime_priority", g.realtimePriority());
        return n;
    }

    private static ObjectNode garp(Garp g) {
        ObjectNode n = F.objectNode();
        n.put("master_delay", DurationText.format(g.masterDelay()));
        n.put("master_repeat", g.masterRepeat());
        n.put("master_refresh", DurationText.format(g.masterRefresh()));
        n.put("master_refresh_repeat", g.masterRefreshRepeat());
        n.put("interval", DurationText.format(g.interval()));
        return n;
    }

    private static ObjectNode instance(InstanceConfig i) {
        ObjectNode n = F.objectNode();
        n.put("state", i.initialState().name());
        n.put("interface", i.interfaceName());
        n.put("vrid", i.vrid());
        n.put("priority", i.priority());
        n.put("advert_int", DurationText.format(i.advertInterval()));
        n.put("version", i.version());
        n.put("preempt", i.preempt());
        n.put("preempt_delay", DurationText.format(i.preemptDelay()));
        if (i.auth().type() != AuthType.NONE) {
            n.putObject("authentication").put("type", i.auth().type().name()).put("password", i.auth().password());
        }
        ArrayNode vips = n.putArray("virtual_ips");
        i.virtualIps().forEach(v -> vips.add(v.toString()));
        if (!i.excludedVirtualIps().isEmpty()) {
            ArrayNode ex = n.putArray("excluded_virtual_ips");
            i.excludedVirtualIps().forEach(v -> ex.add(v.toString()));
        }
        tracks(n, "track_interfaces", i.trackInterfaces());
        tracks(n, "track_scripts", i.trackScripts());
        tracks(n, "track_files", i.trackFiles());
        notify(n, i.notifications());
        n.put("smtp_alert", i.smtpAlert());
        n.set("garp", garp(i.garp()));
        i.unicastSrcIp().ifPresent(a -> n.put("unicast_src_ip", AddressText.of(a)));
        if (!i.unicastPeers().isEmpty()) {
            ArrayNode peers = n.putArray("unicast_peers");
            i.unicastPeers().stream().map(AddressText::of).forEach(peers::add);
        }
        if (!i.hooks().isEmpty()) {
            ArrayNode hooks = n.putArray("hooks");
            for (HookConfig h : i.hooks()) {
                ObjectNode entry = hooks.addObject().put("type", h.type());
                h.settings().forEach((k, v) -> entry.set(k, PLAIN.valueToTree(v)));
            }
        }
        return n;
    }

    private static void tracks(ObjectNode parent, String key, java.util.List<Tracked> list) {
        if (list.isEmpty()) {
            return;
        }
        ArrayNode a = parent.putArray(key);
        for (Tracked t : list) {
            ObjectNode n = a.addObject().put("name", t.name());
            t.weight().ifPresent(w -> n.put("weight", w));
            t.reverse().ifPresent(r -> n.put("reverse", r));
        }
    }

    private static void notify(ObjectNode parent, Notify notify) {
        if (notify.equals(Notify.NONE)) {
            return;
        }
        ObjectNode n = parent.putObject("notify");
        script(n, "master", notify.master());
        script(n, "backup", notify.backup());
        script(n, "fault", notify.fault());
        script(n, "stop", notify.stop());
        script(n, "any", notify.generic());
        notify.fifo().ifPresent(f -> n.put("fifo", f));
    }

    private static void script(ObjectNode parent, String key, Optional<Script> s) {
        s.ifPresent(sc -> command(parent.putObject(key), sc));
    }

    private static void command(ObjectNode n, Script s) {
        ArrayNode argv = n.putArray("command");
        s.argv().forEach(argv::add);
        s.user().ifPresent(u -> n.put("user", u));
        s.group().ifPresent(g -> n.put("group", g));
    }
}
