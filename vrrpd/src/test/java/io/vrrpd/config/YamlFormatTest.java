package io.vrrpd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The native YAML format: durations, command forms, unknown keys, and the writer's round trip. */
class YamlFormatTest {
    private static final Path YAML = Path.of("vrrpd.yaml");

    private static final String RICH_CONF = """
            global_defs {
              router_id LAB
              notification_email {
                ops@example.org
                dba@example.org
              }
              smtp_server 192.0.2.25 2525
              smtp_helo_name lab.example.org
              smtp_alert
              script_user vrrpd vrrpd
              enable_script_security
              vrrp_garp_master_delay 2
              vrrp_garp_master_refresh 60
              vrrp_garp_interval 0.001
              vrrp_rt_priority 5
            }
            vrrp_script chk_pg {
              script "/usr/bin/pg_isready -q -h '/run/postgresql'"
              interval 2
              weight -30
              fall 2
            }
            vrrp_track_file maint {
              file /run/vrrpd/maintenance
              weight -10
            }
            vrrp_instance DB {
              state MASTER
              interface eth0
              virtual_router_id 51
              advert_int 3
              preempt_delay 30
              authentication {
                auth_type PASS
                auth_pass 12345
              }
              virtual_ipaddress {
                192.0.2.100/24 brd 192.0.2.255 dev eth0 label eth0:db
              }
              virtual_ipaddress_excluded {
                2001:db8::100/64
              }
              track_interface {
                eth1
              }
              track_script {
                chk_pg
              }
              track_file {
                maint weight -20
              }
              notify "/usr/libexec/vrrpd/notify.sh --all" root wheel
              notify_fifo /run/vrrpd/fifo
              garp_master_repeat 3
            }
            vrrp_instance V6 {
              version 3
              interface eth1
              virtual_router_id 51
              advert_int 0.25
              nopreempt
              virtual_ipaddress {
                2001:db8::1/64
              }
              unicast_src_ip 2001:db8::2
              unicast_peer {
                2001:db8::3
              }
            }
            vrrp_sync_group G {
              group {
                DB
              }
              notify_fault /usr/libexec/vrrpd/fault.sh
              smtp_alert false
            }
            """;

    @Test
    void richKeepalivedConfigSurvivesConvertAndReadBack() throws Exception {
        VrrpdConfig conf = ConfigLoader.parse(Path.of("keepalived.conf"), RICH_CONF).config();
        String yaml = YamlWriter.write(conf);
        LoadedConfig back = ConfigLoader.parse(YAML, yaml);
        assertEquals(conf, back.config(), yaml);
        assertEquals(List.of(), back.warnings());
        InstanceConfig db = conf.instances().get(0);
        assertEquals("192.0.2.100/24 brd 192.0.2.255 dev eth0 label eth0:db", db.virtualIps().get(0).toString());
        assertEquals("12345", db.auth().password());
        assertEquals(new Garp(Duration.ofSeconds(2), 3, Duration.ofSeconds(60), 1, Duration.ofMillis(1)), db.garp());
        assertEquals(List.of(new Tracked("maint", OptionalInt.of(-20))), db.trackFiles());
        assertEquals(new Script(List.of("/usr/libexec/vrrpd/notify.sh", "--all"), Optional.of("root"),
                Optional.of("wheel")), db.notifications().generic().orElseThrow());
        assertEquals(25, conf.instances().get(1).advertIntervalCentis());
        assertEquals(2525, conf.globals().smtpPort());
        assertEquals(5, conf.globals().realtimePriority());
        assertTrue(yaml.contains("realtime_priority: 5"), yaml);
        assertEquals(List.of("/usr/bin/pg_isready", "-q", "-h", "/run/postgresql"),
                conf.scripts().get("chk_pg").script().argv());
    }

    @Test
    void writerQuotesValuesYamlWouldOtherwiseRetype() throws Exception {
        VrrpdConfig conf = ConfigLoader.parse(Path.of("keepalived.conf"), """
                global_defs {
                  router_id 0123
                  notification_email_from "yes"
                }
                vrrp_instance on {
                  interface eth0
                  virtual_router_id 9
                  authentication {
                    auth_type PASS
                    auth_pass no
                  }
                  virtual_ipaddress {
                    192.0.2.9 label eth0:1
                  }
                  notify_master "/usr/libexec/x.sh '# not a comment' 'key: value' null ~ 1e3"
                }
                """).config();
        LoadedConfig back = ConfigLoader.parse(YAML, YamlWriter.write(conf));
        assertEquals(conf, back.config(), YamlWriter.write(conf));
        assertEquals("no", back.config().instances().get(0).auth().password());
    }

    @Test
    void durationsAcceptUnitsOrPlainSeconds() throws Exception {
        VrrpdConfig c = ConfigLoader.parse(YAML, """
                global:
                  notification: {smtp: {connect_timeout: 1m}}
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 9
                    version: 3
                    advert_int: 500ms
                    preempt_delay: 1.5
                    virtual_ips: ["192.0.2.9"]
                """).config();
        assertEquals(Duration.ofMillis(500), c.instances().get(0).advertInterval());
        assertEquals(Duration.ofMillis(1500), c.instances().get(0).preemptDelay());
        assertEquals(Duration.ofMinutes(1), c.globals().smtpConnectTimeout());
    }

    @Test
    void unitsAreNotKeepalivedSyntax() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(Path.of("k.conf"),
                "vrrp_instance V {\ninterface eth0\nvirtual_router_id 1\nadvert_int 1s\n"
                        + "virtual_ipaddress {\n192.0.2.1\n}\n}\n"));
        assertEquals("k.conf:4: advert_int must be a number of seconds (was '1s')", e.errors().get(0).toString());
    }

    @Test
    void commandsMayBeStringListOrMapping() throws Exception {
        VrrpdConfig c = ConfigLoader.parse(YAML, """
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 9
                    virtual_ips: [{address: 192.0.2.9/24, dev: eth2}]
                    notify:
                      master: "/usr/libexec/m.sh 'two words'"
                      backup: [/usr/libexec/b.sh, x y]
                      fault: {command: /usr/libexec/f.sh, user: postgres}
                """).config();
        Notify n = c.instances().get(0).notifications();
        assertEquals(Script.of("/usr/libexec/m.sh", "two words"), n.master().orElseThrow());
        assertEquals(Script.of("/usr/libexec/b.sh", "x y"), n.backup().orElseThrow());
        assertEquals(new Script(List.of("/usr/libexec/f.sh"), Optional.of("postgres"), Optional.empty()),
                n.fault().orElseThrow());
        assertEquals("192.0.2.9/24 dev eth2", c.instances().get(0).virtualIps().get(0).toString());
    }

    @Test
    void everyUnknownKeyIsReportedWithItsPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(YAML, """
                global: {routerid: x}
                instances:
                  VI_1:
                    interface: eth0
                    vrid: 9
                    virtual_ips: [192.0.2.9]
                    authentication: {type: PASS, pasword: x}
                """));
        assertEquals(List.of("global.routerid: unknown key", "instances.VI_1.authentication.pasword: unknown key",
                        "instances.VI_1.authentication.type: PASS needs a password"),
                e.errors().stream().map(Diagnostic::toString).toList());
    }
}
