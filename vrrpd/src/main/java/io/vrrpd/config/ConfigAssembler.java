package io.vrrpd.config;

import io.vrrpd.config.RawConfig.RawCommand;
import io.vrrpd.config.RawConfig.RawGarp;
import io.vrrpd.config.RawConfig.RawInstance;
import io.vrrpd.config.RawConfig.RawNotify;
import io.vrrpd.config.RawConfig.RawScript;
import io.vrrpd.config.RawConfig.RawSyncGroup;
import io.vrrpd.config.RawConfig.RawTrack;
import io.vrrpd.config.RawConfig.RawTrackFile;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The one validator: turns the {@link RawConfig} of either reader into the frozen model, applying
 * keepalived's defaults and checking everything, so both formats give the same messages. Every error is
 * collected; the model is returned only when there are none.
 */
final class ConfigAssembler {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    private final Diagnostics diag;
    private final ValueParser parse;
    private final VipAssembler addresses;

    ConfigAssembler(Diagnostics diag) {
        this.diag = diag;
        this.parse = new ValueParser(diag);
        this.addresses = new VipAssembler(diag, parse);
    }

    /** @return the model, or null when an error was reported */
    VrrpdConfig assemble(RawConfig raw) {
        Globals globals = globals(raw.globals);
        Map<String, TrackScript> scripts = new LinkedHashMap<>();
        for (RawScript s : raw.scripts) {
            TrackScript t = script(s);
            if (t != null && unique(scripts.keySet(), s.name, "script")) {
                scripts.put(t.name(), t);
            }
        }
        Map<String, TrackFile> files = new LinkedHashMap<>();
        for (RawTrackFile f : raw.trackFiles) {
            TrackFile t = trackFile(f);
            if (t != null && unique(files.keySet(), f.name, "track file")) {
                files.put(t.name(), t);
            }
        }
        List<InstanceConfig> instances = new ArrayList<>();
        Map<String, Place> seen = new HashMap<>();
        Map<String, String> vridOwners = new HashMap<>();
        for (RawInstance ri : raw.instances) {
            Place first = seen.putIfAbsent(ri.name.text(), ri.name.place());
            if (first != null) {
                diag.error(ri.name.place(), "is defined twice (first at " + first.location() + ")");
                continue;
            }
            // References are checked against every declared name, so a broken script does not also make each
            // track_script line that names it an error.
            InstanceConfig ic = instance(ri, globals, names(raw.scripts.stream().map(s -> s.name)),
                    names(raw.trackFiles.stream().map(f -> f.name)));
            if (ic != null) {
                // RFC 3768 §5.3.3: a VRID identifies a virtual router on one LAN; keepalived likewise refuses
                // two instances with the same VRID, interface, version and address family.
                String key = ic.interfaceName() + "/" + ic.vrid() + "/v" + ic.version() + "/" + ic.isIpv6();
                String owner = vridOwners.putIfAbsent(key, ic.name());
                if (owner != null) {
                    diag.error(ri.vrid.place(), ic.vrid() + " is already used by instance " + owner + " on "
                            + ic.interfaceName());
                }
                instances.add(ic);
            }
        }
        List<SyncGroup> groups = syncGroups(raw.syncGroups, seen.keySet(), globals);
        if (diag.hasErrors()) {
            return null;
        }
        return new VrrpdConfig(globals, instances, scripts, files, groups);
    }

    private boolean unique(Set<String> names, Val name, String what) {
        if (names.contains(name.text())) {
            diag.error(name.place(), "is defined twice (" + what + " names must be unique)");
            return false;
        }
        return true;
    }

    private Globals globals(RawConfig.RawGlobals g) {
        Garp garp = garp(g.garp, Garp.DEFAULTS);
        SmtpOptions smtp = new SmtpOptionsReader(diag, parse).read(g);
        return new Globals(text(g.routerId), g.emails.stream().map(Val::text).toList(), text(g.emailFrom),
                text(g.smtpServer),
                parse.integer(g.smtpPort, 1, 65535, smtp.security() == SmtpSecurity.SMTPS ? 465 : 25),
                parse.duration(g.smtpConnectTimeout, Duration.ofMillis(1), HOUR, Duration.ofSeconds(30)),
                text(g.smtpHeloName), parse.bool(g.smtpAlert, false), text(g.scriptUser), text(g.scriptGroup),
                parse.bool(g.enableScriptSecurity, false),
                parse.duration(g.startupDelay, Duration.ZERO, HOUR, Duration.ZERO), garp,
                parse.integer(g.vrrpVersion, 2, 3, 2), directory(g.stateDir, Globals.DEFAULT_STATE_DIR),
                directory(g.runtimeDir, Globals.DEFAULT_RUNTIME_DIR), smtp,
                parse.integer(g.realtimePriority, 0, Globals.MAX_REALTIME_PRIORITY, Globals.DEFAULT_REALTIME_PRIORITY));
    }

    private Path directory(Val v, Path absent) {
        if (v == null) {
            return absent;
        }
        if (!v.text().startsWith("/")) {
            diag.error(v.place(), "must be an absolute path (was '" + v.text() + "')");
            return absent;
        }
        return Path.of(v.text());
    }

    private Garp garp(RawGarp g, Garp base) {
        return new Garp(parse.duration(g.masterDelay, Duration.ZERO, HOUR, base.masterDelay()),
                parse.integer(g.masterRepeat, 1, 10_000, base.masterRepeat()),
                parse.duration(g.masterRefresh, Duration.ZERO, DAY, base.masterRefresh()),
                parse.integer(g.masterRefreshRepeat, 1, 10_000, base.masterRefreshRepeat()),
                parse.duration(g.interval, Duration.ZERO, Duration.ofSeconds(1), base.interval()));
    }

    private static Optional<String> text(Val v) {
        return v == null ? Optional.empty() : Optional.of(v.text());
    }

    private static String key(Place p, String conf, String yaml) {
        return p.yaml() ? yaml : conf;
    }

    private InstanceConfig instance(RawInstance ri, Globals g, Set<String> scriptNames, Set<String> fileNames) {
        Place at = ri.name.place();
        int errorsBefore = diag.errors().size();
        InitialState state = InitialState.BACKUP;
        if (ri.state != null) {
            String s = ri.state.text().toUpperCase(Locale.ROOT);
            if (s.equals("MASTER") || s.equals("BACKUP")) {
                state = InitialState.valueOf(s);
            } else {
                diag.error(ri.state.place(), "must be MASTER or BACKUP (was '" + ri.state.text() + "')");
            }
        }
        if (ri.iface == null) {
            diag.error(at, "has no interface");
        }
        String iface = ri.iface == null ? "" : ri.iface.text();
        int version = parse.integer(ri.version, 2, 3, g.vrrpVersion());
        Integer vrid = null;
        if (ri.vrid == null) {
            diag.error(at, "has no " + key(at, "virtual_router_id", "vrid"));
        } else {
            vrid = parse.integer(ri.vrid, 1, 255);
        }
        // keepalived's vrrp_complete_instance: state MASTER without a priority means the address owner (255).
        int priority = parse.integer(ri.priority, 1, 255, state == InitialState.MASTER ? 255 : 100);
        Duration advert = advertInterval(ri.advertInt, version);
        boolean preempt = parse.bool(ri.preempt, true);
        if (!preempt && state == InitialState.MASTER) {
            // keepalived: "nopreempt will not work with initial state MASTER - clearing".
            diag.warn(ri.preempt.place(), "has no effect with state MASTER: keepalived ignores it, and so do we"
                    + " (use state BACKUP on every node for non-preemptive failover)");
            preempt = true;
        } else if (!preempt && priority == 255) {
            // RFC 3768 §6.1: the address owner always preempts; keepalived resets nopreempt likewise.
            diag.warn(ri.preempt.place(), "has no effect with priority 255 (the address owner always preempts,"
                    + " RFC 3768 §6.1)");
            preempt = true;
        }
        Duration preemptDelay = parse.duration(ri.preemptDelay, Duration.ZERO, Duration.ofSeconds(1000),
                Duration.ZERO);
        Auth auth = auth(ri, version);
        List<VirtualIp> vips = addresses.vips(ri.vips, iface);
        List<VirtualIp> excluded = addresses.vips(ri.excludedVips, iface);
        if (ri.vips.isEmpty()) {
            diag.error(at, "has no " + key(at, "virtual_ipaddress", "virtual_ips"));
        }
        addresses.checkFamilies(ri.vips, vips, version);
        List<Tracked> trackIfs = tracks(ri.trackInterfaces, null, "interface");
        List<Tracked> trackScripts = tracks(ri.trackScripts, scriptNames, key(at, "vrrp_script", "script"));
        List<Tracked> trackFiles = tracks(ri.trackFiles, fileNames, key(at, "vrrp_track_file", "track file"));
        Notify notify = notify(ri.notify);
        boolean smtpAlert = parse.bool(ri.smtpAlert, g.smtpAlert());
        Garp garp = garp(ri.garp, g.garp());
        Optional<InetAddress> src = ri.unicastSrcIp == null ? Optional.empty()
                : Optional.ofNullable(parse.address(ri.unicastSrcIp));
        List<InetAddress> peers = new ArrayList<>();
        for (Val p : ri.unicastPeers) {
            InetAddress a = parse.address(p);
            if (a != null) {
                peers.add(a);
            }
        }
        List<HookConfig> hooks = new HookValidator(diag).validate(ri.name.text(), ri.hooks, g);
        addresses.checkUnicastFamily(ri, vips, version, src.orElse(null), peers);
        if (diag.errors().size() > errorsBefore || vrid == null) {
            return null;
        }
        return new InstanceConfig(ri.name.text(), state, iface, vrid, priority, advert, version, preempt,
                preemptDelay, auth, vips, excluded, trackIfs, trackScripts, trackFiles, notify, smtpAlert, garp,
                src, peers, hooks);
    }

    private Duration advertInterval(Val v, int version) {
        if (v == null) {
            return Duration.ofSeconds(1);
        }
        if (version == 3) {
            // RFC 5798 §5.2.7: 12-bit Max Adver Int in centiseconds.
            Duration d = parse.duration(v, Duration.ofMillis(10), Duration.ofMillis(40_950));
            return d == null ? Duration.ofSeconds(1) : Duration.ofMillis(d.toMillis() / 10 * 10);
        }
        // RFC 3768 §5.3.7: 8-bit Adver Int in whole seconds.
        Duration d = parse.duration(v, Duration.ofMillis(1), Duration.ofSeconds(255));
        if (d == null) {
            return Duration.ofSeconds(1);
        }
        if (d.toNanos() % 1_000_000_000L != 0) {
            long rounded = Math.max(1, Math.round(d.toNanos() / 1e9));
            diag.warn(v.place(), "of " + DurationText.seconds(d) + " cannot be sent by VRRPv2 (whole seconds"
                    + " only, RFC 3768 §5.3.7); using " + rounded + "s (use version 3 for sub-second intervals)");
            return Duration.ofSeconds(rounded);
        }
        return d;
    }

    private Auth auth(RawInstance ri, int version) {
        if (ri.authType == null) {
            if (ri.authPass != null) {
                diag.error(ri.authPass.place(), "is given without an authentication type");
            }
            return Auth.NONE;
        }
        String type = ri.authType.text().toUpperCase(Locale.ROOT);
        if (type.equals("AH")) {
            diag.error(ri.authType.place(), "AH is not supported (use PASS, or no authentication)");
            return Auth.NONE;
        }
        if (!type.equals("PASS") && !type.equals("NONE")) {
            diag.error(ri.authType.place(), "must be PASS (was '" + ri.authType.text() + "')");
            return Auth.NONE;
        }
        if (version == 3) {
            // RFC 5798 §9 removed authentication; keepalived ignores it with a warning too.
            diag.warn(ri.authType.place(), "is ignored: VRRPv3 has no authentication (RFC 5798 §9)");
            return Auth.NONE;
        }
        if (type.equals("NONE")) {
            return Auth.NONE;
        }
        if (ri.authPass == null || ri.authPass.text().isEmpty()) {
            diag.error(ri.authType.place(), "PASS needs a password");
            return Auth.NONE;
        }
        String pass = ri.authPass.text();
        byte[] bytes = pass.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length > 8) {
            if (ri.authPass.place().yaml()) {
                diag.error(ri.authPass.place(), "must be at most 8 bytes (RFC 3768 §5.3.10) (was "
                        + bytes.length + ")");
                return Auth.NONE;
            }
            // keepalived keeps the first 8 bytes. Found by fuzzing: cutting 8 characters of a non-ASCII
            // password left more than 8 bytes (and threw); cut whole characters, and refuse a password whose
            // 8th byte falls inside a character, since no text then matches what keepalived sends.
            int chars = 0;
            int used = 0;
            while (chars < pass.length()) {
                int cp = pass.codePointAt(chars);
                int len = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                if (used + len > 8) {
                    break;
                }
                used += len;
                chars += Character.charCount(cp);
            }
            if (used != 8) {
                diag.error(ri.authPass.place(), "is longer than 8 bytes and keepalived's cut at byte 8 splits a"
                        + " character; use a password of at most 8 bytes (RFC 3768 §5.3.10)");
                return Auth.NONE;
            }
            String cut = pass.substring(0, chars);
            diag.warn(ri.authPass.place(), "is longer than 8 characters; like keepalived, only '" + cut
                    + "' is used (RFC 3768 §5.3.10)");
            pass = cut;
        }
        return new Auth(AuthType.PASS, pass);
    }

    private static Set<String> names(java.util.stream.Stream<Val> vals) {
        return vals.map(Val::text).collect(java.util.stream.Collectors.toSet());
    }

    private List<Tracked> tracks(List<RawTrack> raws, Set<String> defined, String what) {
        List<Tracked> out = new ArrayList<>();
        for (RawTrack t : raws) {
            if (defined != null && !defined.contains(t.name().text())) {
                diag.error(t.name().place(), "refers to undefined " + what + " '" + t.name().text() + "'");
                continue;
            }
            OptionalInt w = OptionalInt.empty();
            if (t.weight() != null) {
                Integer n = parse.integer(t.weight(), -253, 253);
                if (n == null) {
                    continue;
                }
                w = OptionalInt.of(n);
            }
            Optional<Boolean> reverse = t.reverse() == null ? Optional.empty()
                    : Optional.of(parse.bool(t.reverse(), false));
            out.add(new Tracked(t.name().text(), w, reverse));
        }
        return out;
    }

    private static Notify notify(RawNotify n) {
        return new Notify(cmd(n.master), cmd(n.backup), cmd(n.fault), cmd(n.stop), cmd(n.generic), text(n.fifo));
    }

    private static Optional<Script> cmd(RawCommand c) {
        return c == null ? Optional.empty() : Optional.ofNullable(c.script());
    }

    private TrackScript script(RawScript s) {
        int before = diag.errors().size();
        if (s.command == null) {
            diag.error(s.name.place(), "has no " + key(s.name.place(), "script", "command"));
        }
        Duration interval = parse.duration(s.interval, Duration.ofMillis(1), DAY, Duration.ofSeconds(1));
        Duration timeout = parse.duration(s.timeout, Duration.ofMillis(1), DAY, interval);
        int weight = parse.integer(s.weight, -253, 253, 0);
        int rise = parse.integer(s.rise, 1, 1_000_000, 1);
        int fall = parse.integer(s.fall, 1, 1_000_000, 1);
        boolean reverse = parse.bool(s.reverse, false);
        boolean initFail = parse.bool(s.initFail, false);
        if (diag.errors().size() > before || s.command.script() == null) {
            return null;
        }
        return new TrackScript(s.name.text(), s.command.script(), interval, timeout, weight, rise, fall, reverse,
                initFail);
    }

    private TrackFile trackFile(RawTrackFile f) {
        if (f.file == null) {
            diag.error(f.name.place(), "has no file");
            return null;
        }
        int before = diag.errors().size();
        int weight = parse.integer(f.weight, -254, 254, 1);
        boolean reverse = parse.bool(f.reverse, false);
        return diag.errors().size() > before ? null : new TrackFile(f.name.text(), f.file.text(), weight, reverse);
    }

    private List<SyncGroup> syncGroups(List<RawSyncGroup> raws, Set<String> instances, Globals g) {
        List<SyncGroup> out = new ArrayList<>();
        Map<String, String> memberOf = new HashMap<>();
        for (RawSyncGroup r : raws) {
            if (r.members.isEmpty()) {
                diag.error(r.name.place(), "has no instances");
            }
            List<String> members = new ArrayList<>();
            for (Val m : r.members) {
                if (!instances.contains(m.text())) {
                    diag.error(m.place(), "refers to undefined instance '" + m.text() + "'");
                    continue;
                }
                String other = memberOf.putIfAbsent(m.text(), r.name.text());
                if (other != null) {
                    diag.error(m.place(), "instance " + m.text() + " is already in sync group " + other);
                    continue;
                }
                members.add(m.text());
            }
            out.add(new SyncGroup(r.name.text(), members, notify(r.notify), parse.bool(r.smtpAlert, g.smtpAlert())));
        }
        return out;
    }
}
