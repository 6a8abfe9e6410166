package io.vrrpd.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The intermediate form both readers fill: values as written ({@link Val}, null when absent) with their
 * places. {@link ConfigAssembler} turns it into the model. Mutable, package-private, short-lived.
 */
final class RawConfig {
    final RawGlobals globals = new RawGlobals();
    final List<RawInstance> instances = new ArrayList<>();
    final List<RawScript> scripts = new ArrayList<>();
    final List<RawTrackFile> trackFiles = new ArrayList<>();
    final List<RawSyncGroup> syncGroups = new ArrayList<>();

    /** A notify/track command already split by the reader; null script when the reader rejected it. */
    record RawCommand(Script script, Place place) {
    }

    /** A virtual_ipaddress entry: ADDR[/LEN] and its options. */
    record RawVip(Val address, Val brd, Val dev, Val label, Place place) {
    }

    /** A {@code hooks:} entry: its mapping as plain Java values and its path. */
    record RawHook(java.util.Map<String, Object> values, Place place) {
    }

    /** A track_* entry: name, optional weight and optional reverse flag. */
    record RawTrack(Val name, Val weight, Val reverse) {
        RawTrack(Val name, Val weight) {
            this(name, weight, null);
        }
    }

    static final class RawGarp {
        Val masterDelay;
        Val masterRepeat;
        Val masterRefresh;
        Val masterRefreshRepeat;
        Val interval;
    }

    static final class RawNotify {
        RawCommand master;
        RawCommand backup;
        RawCommand fault;
        RawCommand stop;
        RawCommand generic;
        Val fifo;
    }

    static final class RawGlobals {
        Val routerId;
        final List<Val> emails = new ArrayList<>();
        Val emailFrom;
        Val smtpServer;
        Val smtpPort;
        Val smtpConnectTimeout;
        Val smtpHeloName;
        /** YAML only (see {@link SmtpOptions}). */
        Val smtpSecurity;
        Val smtpUsername;
        Val smtpPasswordFile;
        Val smtpRetries;
        Val smtpRetryDelay;
        Val mailQueueSize;
        Val smtpAlert;
        Val scriptUser;
        Val scriptGroup;
        Val enableScriptSecurity;
        Val startupDelay;
        Val vrrpVersion;
        Val stateDir;
        Val runtimeDir;
        Val realtimePriority;
        final RawGarp garp = new RawGarp();
    }

    static final class RawInstance {
        Val name;
        Val state;
        Val iface;
        Val vrid;
        Val priority;
        Val advertInt;
        Val version;
        Val preempt;
        Val preemptDelay;
        Val authType;
        Val authPass;
        final List<RawVip> vips = new ArrayList<>();
        final List<RawVip> excludedVips = new ArrayList<>();
        final List<RawTrack> trackInterfaces = new ArrayList<>();
        final List<RawTrack> trackScripts = new ArrayList<>();
        final List<RawTrack> trackFiles = new ArrayList<>();
        final RawNotify notify = new RawNotify();
        Val smtpAlert;
        final RawGarp garp = new RawGarp();
        Val unicastSrcIp;
        final List<Val> unicastPeers = new ArrayList<>();
        final List<RawHook> hooks = new ArrayList<>();
    }

    static final class RawScript {
        Val name;
        RawCommand command;
        Val interval;
        Val timeout;
        Val weight;
        Val rise;
        Val fall;
        Val reverse;
        Val initFail;
    }

    static final class RawTrackFile {
        Val name;
        Val file;
        Val weight;
        Val reverse;
    }

    static final class RawSyncGroup {
        Val name;
        final List<Val> members = new ArrayList<>();
        final RawNotify notify = new RawNotify();
        Val smtpAlert;
    }
}
