package io.vrrpd.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vrrpd.config.RawConfig.RawCommand;
import io.vrrpd.config.RawConfig.RawGarp;
import io.vrrpd.config.RawConfig.RawInstance;
import io.vrrpd.config.RawConfig.RawNotify;
import io.vrrpd.config.RawConfig.RawScript;
import io.vrrpd.config.RawConfig.RawSyncGroup;
import io.vrrpd.config.RawConfig.RawTrack;
import io.vrrpd.config.RawConfig.RawTrackFile;
import io.vrrpd.config.RawConfig.RawVip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads vrrpd's native YAML format (docs/configuration.md) into a {@link RawConfig}. Every place is a key
 * path such as {@code instances.VI_1.vrid}; unknown keys are errors.
 */
final class YamlReader {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> PLAIN_MAP = new TypeReference<>() { };
    private static final Pattern MARK = Pattern.compile("line (\\d+), column \\d+");
    /** Thread-safe once built; building one per file cost more than reading a small file. */
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private final Diagnostics diag;
    private final RawConfig raw = new RawConfig();

    private YamlReader(Diagnostics diag) {
        this.diag = diag;
    }

    /** @return the raw config, or null after a YAML syntax error */
    static RawConfig read(Path file, String text, Diagnostics diag) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            diag.error(syntaxLocation(file, e), "YAML syntax error: " + syntaxMessage(e));
            return null;
        }
        YamlNode top = YamlNode.mapping(root, "", diag);
        if (top == null) {
            return null;
        }
        YamlReader r = new YamlReader(diag);
        r.globals(top.map("global"));
        r.named(top.map("instances"), r::instance);
        r.named(top.map("scripts"), r::script);
        r.named(top.map("track_files"), r::trackFile);
        r.named(top.map("sync_groups"), r::syncGroup);
        top.finish();
        return r.raw;
    }

    /** SnakeYAML names the problem position last ("line N, column M"); prefer it to Jackson's location. */
    private static String syntaxLocation(Path file, JsonProcessingException e) {
        Matcher m = MARK.matcher(String.valueOf(e.getOriginalMessage()));
        String line = null;
        while (m.find()) {
            line = m.group(1);
        }
        if (line == null && e.getLocation() != null) {
            line = String.valueOf(e.getLocation().getLineNr());
        }
        return file.getFileName() + (line == null ? "" : ":" + line);
    }

    /** The explanation without SnakeYAML's position lines and source excerpt. */
    private static String syntaxMessage(JsonProcessingException e) {
        List<String> parts = new ArrayList<>();
        List<String> lines = String.valueOf(e.getOriginalMessage()).lines().map(String::strip).toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("in 'reader'")) {
                i += 2; // the position line is followed by a source excerpt and a caret line
            } else if (!lines.get(i).isEmpty()) {
                parts.add(lines.get(i));
            }
        }
        return String.join("; ", parts);
    }

    private interface Block {
        void read(Val name, YamlNode body);
    }

    private void named(YamlNode m, Block block) {
        if (m == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : m.named()) {
            String path = m.child(e.getKey());
            YamlNode body = YamlNode.mapping(e.getValue(), path, diag);
            if (body != null) {
                block.read(new Val(e.getKey(), Place.yaml(path)), body);
                body.finish();
            }
        }
    }

    private void globals(YamlNode g) {
        if (g == null) {
            return;
        }
        RawConfig.RawGlobals rg = raw.globals;
        rg.routerId = g.scalar("router_id");
        YamlNode n = g.map("notification");
        if (n != null) {
            for (Map.Entry<String, JsonNode> e : n.list("emails")) {
                add(rg.emails, YamlNode.scalar(e.getValue(), e.getKey(), diag));
            }
            rg.emailFrom = n.scalar("from");
            rg.smtpAlert = n.scalar("smtp_alert");
            rg.mailQueueSize = n.scalar("queue_size");
            YamlNode smtp = n.map("smtp");
            if (smtp != null) {
                rg.smtpServer = smtp.scalar("server");
                rg.smtpPort = smtp.scalar("port");
                rg.smtpConnectTimeout = smtp.scalar("connect_timeout");
                rg.smtpHeloName = smtp.scalar("helo_name");
                rg.smtpSecurity = smtp.scalar("security");
                rg.smtpUsername = smtp.scalar("username");
                rg.smtpPasswordFile = smtp.scalar("password_file");
                rg.smtpRetries = smtp.scalar("retries");
                rg.smtpRetryDelay = smtp.scalar("retry_delay");
                smtp.finish();
            }
            n.finish();
        }
        rg.scriptUser = g.scalar("script_user");
        rg.scriptGroup = g.scalar("script_group");
        rg.enableScriptSecurity = g.scalar("enable_script_security");
        rg.startupDelay = g.scalar("startup_delay");
        rg.vrrpVersion = g.scalar("vrrp_version");
        rg.stateDir = g.scalar("state_dir");
        rg.runtimeDir = g.scalar("runtime_dir");
        rg.realtimePriority = g.scalar("realtime_priority");
        garp(g.map("garp"), rg.garp);
        g.finish();
    }

    private static void add(List<Val> list, Val v) {
        if (v != null) {
            list.add(v);
        }
    }

    private void garp(YamlNode m, RawGarp g) {
        if (m == null) {
            return;
        }
        g.masterDelay = m.scalar("master_delay");
        g.masterRepeat = m.scalar("master_repeat");
        g.masterRefresh = m.scalar("master_refresh");
        g.masterRefreshRepeat = m.scalar("master_refresh_repeat");
        g.interval = m.scalar("interval");
        m.finish();
    }

    private void instance(Val name, YamlNode m) {
        RawInstance ri = new RawInstance();
        ri.name = name;
        raw.instances.add(ri);
        ri.state = m.scalar("state");
        ri.iface = m.scalar("interface");
        ri.vrid = m.scalar("vrid");
        ri.priority = m.scalar("priority");
        ri.advertInt = m.scalar("advert_int");
        ri.version = m.scalar("version");
        ri.preempt = m.scalar("preempt");
        ri.preemptDelay = m.scalar("preempt_delay");
        YamlNode auth = m.map("authentication");
        if (auth != null) {
            ri.authType = auth.scalar("type");
            ri.authPass = auth.scalar("password");
            auth.finish();
        }
        m.list("virtual_ips").forEach(e -> vip(e, ri.vips));
        m.list("excluded_virtual_ips").forEach(e -> vip(e, ri.excludedVips));
        m.list("track_interfaces").forEach(e -> track(e, ri.trackInterfaces));
        m.list("track_scripts").forEach(e -> track(e, ri.trackScripts));
        m.list("track_files").forEach(e -> track(e, ri.trackFiles));
        notify(m.map("notify"), ri.notify);
        ri.smtpAlert = m.scalar("smtp_alert");
        garp(m.map("garp"), ri.garp);
        ri.unicastSrcIp = m.scalar("unicast_src_ip");
        for (Map.Entry<String, JsonNode> e : m.list("unicast_peers")) {
            add(ri.unicastPeers, YamlNode.scalar(e.getValue(), e.getKey(), diag));
        }
        for (Map.Entry<String, JsonNode> e : m.list("hooks")) {
            hook(e, ri.hooks);
        }
    }

    /** A hook is a mapping; its keys other than {@code type} belong to the hook's factory, which checks them. */
    private void hook(Map.Entry<String, JsonNode> e, List<RawConfig.RawHook> out) {
        if (!e.getValue().isObject()) {
            diag.error(Place.yaml(e.getKey()), "must be a mapping with a type, e.g. {type: script, phase: takeover,"
                    + " command: [/usr/libexec/vrrpd/check.sh]}");
            return;
        }
        Map<String, Object> values = PLAIN.convertValue(e.getValue(), PLAIN_MAP);
        out.add(new RawConfig.RawHook(values, Place.yaml(e.getKey())));
    }

    /** A VIP is {@code "ADDR[/LEN] [brd B] [dev IF] [label L]"} or {address, broadcast, dev, label}. */
    private void vip(Map.Entry<String, JsonNode> e, List<RawVip> out) {
        Place p = Place.yaml(e.getKey());
        if (e.getValue().isObject()) {
            YamlNode m = YamlNode.mapping(e.getValue(), e.getKey(), diag);
            Val addr = m.scalar("address");
            if (addr == null) {
                diag.error(p, "needs an address");
            } else {
                out.add(new RawVip(addr, m.scalar("broadcast"), m.scalar("dev"), m.scalar("label"), p));
            }
            m.finish();
            return;
        }
        Val v = YamlNode.scalar(e.getValue(), e.getKey(), diag);
        if (v == null) {
            return;
        }
        String[] t = v.text().trim().split("\\s+");
        Val brd = null;
        Val dev = null;
        Val label = null;
        for (int i = 1; i < t.length; i += 2) {
            if (i + 1 >= t.length) {
                diag.error(p, "option '" + t[i] + "' needs a value");
                break;
            }
            Val val = new Val(t[i + 1], p);
            switch (t[i]) {
                case "brd", "broadcast" -> brd = val;
                case "dev" -> dev = val;
                case "label" -> label = val;
                default -> diag.error(p, "unknown option '" + t[i] + "'");
            }
        }
        out.add(new RawVip(new Val(t[0], p), brd, dev, label, p));
    }

    /** A track entry is a name or {name, weight}. */
    private void track(Map.Entry<String, JsonNode> e, List<RawTrack> out) {
        if (e.getValue().isObject()) {
            YamlNode m = YamlNode.mapping(e.getValue(), e.getKey(), diag);
            Val name = m.scalar("name");
            if (name == null) {
                diag.error(Place.yaml(e.getKey()), "needs a name");
            } else {
                out.add(new RawTrack(name, m.scalar("weight"), m.scalar("reverse")));
            }
            m.finish();
            return;
        }
        Val v = YamlNode.scalar(e.getValue(), e.getKey(), diag);
        if (v != null) {
            out.add(new RawTrack(v, null));
        }
    }

    private void notify(YamlNode m, RawNotify n) {
        if (m == null) {
            return;
        }
        n.master = command(m, "master");
        n.backup = command(m, "backup");
        n.fault = command(m, "fault");
        n.stop = command(m, "stop");
        n.generic = command(m, "any");
        n.fifo = m.scalar("fifo");
        m.finish();
    }

    /** A command is a string (split like a shell word list), a list (argv), or {command, user, group}. */
    private RawCommand command(YamlNode parent, String key) {
        JsonNode v = parent.raw(key);
        if (v == null) {
            return null;
        }
        String path = parent.child(key);
        if (v.isObject()) {
            YamlNode m = YamlNode.mapping(v, path, diag);
            RawCommand c = argv(m.raw("command"), m.child("command"));
            Optional<String> user = Optional.ofNullable(m.scalar("user")).map(Val::text);
            Optional<String> group = Optional.ofNullable(m.scalar("group")).map(Val::text);
            m.finish();
            return c.script() == null ? c
                    : new RawCommand(new Script(c.script().argv(), user, group), c.place());
        }
        return argv(v, path);
    }

    private RawCommand argv(JsonNode v, String path) {
        Place p = Place.yaml(path);
        List<String> argv = new ArrayList<>();
        if (v != null && v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                Val a = YamlNode.scalar(v.get(i), path + "[" + i + "]", diag);
                if (a != null) {
                    argv.add(a.text());
                }
            }
        } else if (v != null && v.isValueNode() && !v.isNull()) {
            argv.addAll(ScriptLine.split(v.asText()));
        }
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            diag.error(p, "needs a command");
            return new RawCommand(null, p);
        }
        return new RawCommand(new Script(argv, Optional.empty(), Optional.empty()), p);
    }

    private void script(Val name, YamlNode m) {
        RawScript s = new RawScript();
        s.name = name;
        raw.scripts.add(s);
        if (m.raw("command") != null) {
            RawCommand c = argv(m.raw("command"), m.child("command"));
            Optional<String> user = Optional.ofNullable(m.scalar("user")).map(Val::text);
            Optional<String> group = Optional.ofNullable(m.scalar("group")).map(Val::text);
            s.command = c.script() == null ? c
                    : new RawCommand(new Script(c.script().argv(), user, group), c.place());
        }
        s.interval = m.scalar("interval");
        s.timeout = m.scalar("timeout");
        s.weight = m.scalar("weight");
        s.rise = m.scalar("rise");
        s.fall = m.scalar("fall");
        s.reverse = m.scalar("reverse");
        s.initFail = m.scalar("init_fail");
    }

    private void trackFile(Val name, YamlNode m) {
        RawTrackFile f = new RawTrackFile();
        f.name = name;
        raw.trackFiles.add(f);
        f.file = m.scalar("file");
        f.weight = m.scalar("weight");
        f.reverse = m.scalar("reverse");
    }

    private void syncGroup(Val name, YamlNode m) {
        RawSyncGroup g = new RawSyncGroup();
        g.name = name;
        raw.syncGroups.add(g);
        for (Map.Entry<String, JsonNode> e : m.list("instances")) {
            add(g.members, YamlNode.scalar(e.getValue(), e.getKey(), diag));
        }
        notify(m.map("notify"), g.notify);
        g.smtpAlert = m.scalar("smtp_alert");
    }
}
