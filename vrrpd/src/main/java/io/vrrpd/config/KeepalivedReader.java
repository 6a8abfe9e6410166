package io.vrrpd.config;

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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads keepalived.conf (keepalived.conf(5), keepalived 2.2) into a {@link RawConfig}. Unknown simple
 * keywords are warnings (keepalived logs and skips them); unknown blocks are errors, since a block usually
 * carries behaviour (LVS, static routes) that vrrpd would silently not provide.
 */
final class KeepalivedReader {
    private static final Set<String> TOP_BLOCKS_UNSUPPORTED = Set.of("virtual_server", "virtual_server_group",
            "static_ipaddress", "static_routes", "static_rules", "linkbeat_interfaces", "bfd_instance",
            "vrrp_track_process", "garp_group");

    private final Diagnostics diag;
    private final RawConfig raw = new RawConfig();

    private KeepalivedReader(Diagnostics diag) {
        this.diag = diag;
    }

    static RawConfig read(Path file, String text, Diagnostics diag) {
        List<ConfStatement> stmts = ConfParser.parse(ConfTokenizer.tokenize(file, text, diag), diag);
        KeepalivedReader r = new KeepalivedReader(diag);
        for (ConfStatement s : stmts) {
            r.top(s);
        }
        return r.raw;
    }

    private static Place place(ConfStatement s) {
        return Place.conf(s.location(), s.name());
    }

    private void top(ConfStatement s) {
        switch (s.name()) {
            case "global_defs" -> each(s, this::global);
            case "vrrp_instance" -> instance(s);
            case "vrrp_script" -> script(s);
            case "vrrp_sync_group" -> syncGroup(s);
            case "vrrp_track_file", "track_file" -> trackFile(s);
            default -> unknown(s);
        }
    }

    private void unknown(ConfStatement s) {
        if (s.block() != null) {
            String why = TOP_BLOCKS_UNSUPPORTED.contains(s.name()) ? " (not supported by vrrpd)" : "";
            diag.error(s.location(), "unknown block '" + s.name() + "'" + why);
        } else {
            diag.warn(s.location(), "unknown keyword '" + s.name() + "' ignored");
        }
    }

    private void each(ConfStatement s, java.util.function.Consumer<ConfStatement> handler) {
        if (s.block() == null) {
            diag.error(s.location(), s.name() + " needs a '{ ... }' block");
            return;
        }
        s.block().forEach(handler);
    }

    /** @return the single argument as a value, or null after reporting its absence */
    private Val value(ConfStatement s) {
        if (s.block() != null) {
            diag.error(s.location(), s.name() + " takes a value, not a block");
            return null;
        }
        if (s.args().isEmpty()) {
            diag.error(place(s), "needs a value");
            return null;
        }
        if (s.args().size() > 1) {
            diag.warn(place(s), "takes one value; extra tokens ignored");
        }
        return new Val(s.args().get(0).text(), place(s));
    }

    /** A flag keyword: no argument means true; one argument is a boolean. */
    private Val flag(ConfStatement s, boolean set) {
        if (s.args().isEmpty()) {
            return new Val(String.valueOf(set), place(s));
        }
        return value(s);
    }

    private Val name(ConfStatement s) {
        if (s.args().isEmpty()) {
            diag.error(place(s), "needs a name");
            return null;
        }
        return new Val(s.args().get(0).text(), Place.conf(s.location(), s.name() + " " + s.args().get(0).text()));
    }

    private void global(ConfStatement s) {
        RawConfig.RawGlobals g = raw.globals;
        switch (s.name()) {
            case "router_id" -> g.routerId = value(s);
            case "notification_email" -> each(s, e -> {
                g.emails.add(new Val(e.name(), place(e)));
                e.args().forEach(a -> g.emails.add(new Val(a.text(), place(e))));
            });
            case "notification_email_from" -> g.emailFrom = value(s);
            case "smtp_server" -> {
                g.smtpServer = s.args().isEmpty() ? value(s) : new Val(s.args().get(0).text(), place(s));
                if (s.args().size() > 1) {
                    g.smtpPort = new Val(s.args().get(1).text(), place(s));
                }
            }
            case "smtp_connect_timeout" -> g.smtpConnectTimeout = value(s);
            case "smtp_helo_name" -> g.smtpHeloName = value(s);
            case "smtp_alert", "smtp_alert_vrrp" -> g.smtpAlert = flag(s, true);
            case "script_user" -> {
                g.scriptUser = s.args().isEmpty() ? value(s) : new Val(s.args().get(0).text(), place(s));
                if (s.args().size() > 1) {
                    g.scriptGroup = new Val(s.args().get(1).text(), place(s));
                }
            }
            case "enable_script_security" -> g.enableScriptSecurity = flag(s, true);
            case "vrrp_startup_delay" -> g.startupDelay = value(s);
            case "vrrp_version" -> g.vrrpVersion = value(s);
            // keepalived's real-time priority of its VRRP process (keepalived.conf(5)); vrrpd applies it to
            // its event loop and receive threads only. keepalived clamps out-of-range values; vrrpd rejects them.
            case "vrrp_rt_priority" -> g.realtimePriority = value(s);
            // vrrp_priority is a nice value: it did not keep adverts on time under load, SCHED_RR does.
            case "vrrp_priority" -> diag.warn(s.location(), "vrrp_priority ignored: vrrpd runs its event loop"
                    + " at SCHED_RR instead (vrrp_rt_priority / realtime_priority)");
            default -> {
                if (!garp(s, g.garp, "vrrp_")) {
                    unknown(s);
                }
            }
        }
    }

    private boolean garp(ConfStatement s, RawGarp g, String prefix) {
        if (!s.name().startsWith(prefix + "garp_")) {
            return false;
        }
        switch (s.name().substring(prefix.length())) {
            case "garp_master_delay" -> g.masterDelay = value(s);
            case "garp_master_repeat" -> g.masterRepeat = value(s);
            case "garp_master_refresh" -> g.masterRefresh = value(s);
            case "garp_master_refresh_repeat" -> g.masterRefreshRepeat = value(s);
            case "garp_interval" -> g.interval = value(s);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void instance(ConfStatement s) {
        Val name = name(s);
        if (name == null || s.block() == null) {
            if (name != null) {
                diag.error(s.location(), "vrrp_instance needs a '{ ... }' block");
            }
            return;
        }
        RawInstance ri = new RawInstance();
        ri.name = name;
        raw.instances.add(ri);
        for (ConfStatement k : s.block()) {
            switch (k.name()) {
                case "state" -> ri.state = value(k);
                case "interface" -> ri.iface = value(k);
                case "virtual_router_id" -> ri.vrid = value(k);
                case "priority" -> ri.priority = value(k);
                case "advert_int" -> ri.advertInt = value(k);
                case "version" -> ri.version = value(k);
                case "nopreempt" -> ri.preempt = flag(k, false);
                case "preempt" -> ri.preempt = flag(k, true);
                case "preempt_delay" -> ri.preemptDelay = value(k);
                case "authentication" -> each(k, a -> {
                    switch (a.name()) {
                        case "auth_type" -> ri.authType = value(a);
                        case "auth_pass" -> ri.authPass = value(a);
                        default -> unknown(a);
                    }
                });
                case "virtual_ipaddress" -> each(k, v -> ri.vips.add(vip(v)));
                case "virtual_ipaddress_excluded" -> each(k, v -> ri.excludedVips.add(vip(v)));
                case "track_interface" -> each(k, t -> ri.trackInterfaces.add(track(t, k)));
                case "track_script" -> each(k, t -> ri.trackScripts.add(track(t, k)));
                case "track_file" -> each(k, t -> ri.trackFiles.add(track(t, k)));
                case "smtp_alert" -> ri.smtpAlert = flag(k, true);
                case "unicast_src_ip" -> ri.unicastSrcIp = value(k);
                case "unicast_peer" -> each(k, p -> ri.unicastPeers.add(new Val(p.name(), place(p))));
                default -> {
                    if (!notify(k, ri.notify) && !garp(k, ri.garp, "")) {
                        unknown(k);
                    }
                }
            }
        }
    }

    private boolean notify(ConfStatement s, RawNotify n) {
        switch (s.name()) {
            case "notify_master" -> n.master = command(s);
            case "notify_backup" -> n.backup = command(s);
            case "notify_fault" -> n.fault = command(s);
            case "notify_stop" -> n.stop = command(s);
            case "notify" -> n.generic = command(s);
            case "notify_fifo" -> n.fifo = value(s);
            default -> {
                return false;
            }
        }
        return true;
    }

    private RawCommand command(ConfStatement s) {
        return new RawCommand(ScriptLine.notifyLine(s, diag), place(s));
    }

    private RawVip vip(ConfStatement v) {
        Place p = Place.conf(v.location(), "virtual_ipaddress");
        Val addr = new Val(v.name(), p);
        Val brd = null;
        Val dev = null;
        Val label = null;
        List<ConfToken> a = v.args();
        for (int i = 0; i < a.size(); i++) {
            String opt = a.get(i).text();
            if (i + 1 >= a.size()) {
                diag.error(p, "option '" + opt + "' needs a value");
                break;
            }
            Val val = new Val(a.get(++i).text(), p);
            switch (opt) {
                case "brd", "broadcast" -> brd = val;
                case "dev" -> dev = val;
                case "label" -> label = val;
                case "scope" -> diag.warn(p, "option 'scope' is ignored");
                default -> diag.error(p, "unknown option '" + opt + "'");
            }
        }
        return new RawVip(addr, brd, dev, label, p);
    }

    private RawTrack track(ConfStatement t, ConfStatement parent) {
        Place p = Place.conf(t.location(), t.name());
        Val weight = null;
        Val reverse = null;
        List<ConfToken> a = t.args();
        if (a.size() >= 2 && a.get(0).text().equals("weight")) {
            weight = new Val(a.get(1).text(), Place.conf(t.location(), "weight"));
            reverse = reverseOption(a.size() > 2 ? a.get(2).text() : null, p);
        } else if (!a.isEmpty()) {
            diag.warn(p, "options other than 'weight N [reverse|noreverse]' are ignored");
        }
        return new RawTrack(new Val(t.name(), Place.conf(t.location(), parent.name() + " " + t.name())), weight,
                reverse);
    }

    /** keepalived's {@code weight N reverse|noreverse}; anything else is warned about and ignored as it does. */
    private Val reverseOption(String word, Place p) {
        if (word == null) {
            return null;
        }
        if (word.equals("reverse") || word.equals("noreverse")) {
            return new Val(String.valueOf(word.equals("reverse")), p);
        }
        diag.warn(p, "unknown weight option '" + word + "' is ignored (reverse or noreverse)");
        return null;
    }

    private void script(ConfStatement s) {
        Val name = name(s);
        if (name == null) {
            return;
        }
        RawScript rs = new RawScript();
        rs.name = name;
        raw.scripts.add(rs);
        // user and group of the script, set by the block's 'user' line wherever it is in the block
        String[] userGroup = new String[2];
        each(s, k -> {
            switch (k.name()) {
                case "script" -> rs.command = scriptCommand(k);
                case "interval" -> rs.interval = value(k);
                case "timeout" -> rs.timeout = value(k);
                case "weight" -> {
                    rs.weight = value(k);
                    rs.reverse = reverseOption(k.args().size() > 1 ? k.args().get(1).text() : null, place(k));
                }
                case "init_fail" -> rs.initFail = flag(k, true);
                case "rise" -> rs.rise = value(k);
                case "fall" -> rs.fall = value(k);
                case "user" -> {
                    if (k.args().isEmpty()) {
                        diag.error(place(k), "needs a user name");
                    } else {
                        userGroup[0] = k.args().get(0).text();
                        userGroup[1] = k.args().size() > 1 ? k.args().get(1).text() : null;
                    }
                }
                default -> unknown(k);
            }
        });
        if (rs.command != null && rs.command.script() != null && userGroup[0] != null) {
            Script sc = rs.command.script();
            rs.command = new RawCommand(new Script(sc.argv(), Optional.of(userGroup[0]),
                    Optional.ofNullable(userGroup[1])), rs.command.place());
        }
    }

    /** vrrp_script's {@code script}: every token is part of the command; quoted tokens are split too. */
    private RawCommand scriptCommand(ConfStatement k) {
        List<String> argv = new java.util.ArrayList<>();
        for (ConfToken t : k.args()) {
            if (t.quoted()) {
                argv.addAll(ScriptLine.split(t.text()));
            } else {
                argv.add(t.text());
            }
        }
        if (argv.isEmpty()) {
            diag.error(place(k), "needs a command");
            return new RawCommand(null, place(k));
        }
        return new RawCommand(new Script(argv, Optional.empty(), Optional.empty()), place(k));
    }

    private void trackFile(ConfStatement s) {
        Val name = name(s);
        if (name == null) {
            return;
        }
        RawTrackFile f = new RawTrackFile();
        f.name = name;
        raw.trackFiles.add(f);
        each(s, k -> {
            switch (k.name()) {
                case "file" -> f.file = value(k);
                case "weight" -> {
                    f.weight = value(k);
                    f.reverse = reverseOption(k.args().size() > 1 ? k.args().get(1).text() : null, place(k));
                }
                default -> unknown(k);
            }
        });
    }

    private void syncGroup(ConfStatement s) {
        Val name = name(s);
        if (name == null) {
            return;
        }
        RawSyncGroup g = new RawSyncGroup();
        g.name = name;
        raw.syncGroups.add(g);
        each(s, k -> {
            if (k.name().equals("group")) {
                each(k, m -> {
                    g.members.add(new Val(m.name(), Place.conf(m.location(), "group member")));
                    m.args().forEach(a -> g.members.add(new Val(a.text(), Place.conf(m.location(), "group member"))));
                });
            } else if (k.name().equals("smtp_alert")) {
                g.smtpAlert = flag(k, true);
            } else if (!notify(k, g.notify)) {
                unknown(k);
            }
        });
    }
}
