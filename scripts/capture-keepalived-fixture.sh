#!/usr/bin/env bash
# Captures real VRRPv2 adverts sent by keepalived into the pcap fixtures the protocol tests read
# (vrrpd/src/test/resources/fixtures/). Root only: it creates two network namespaces joined by a veth
# pair (192.0.2.1/24 and 192.0.2.2/24, RFC 5737 TEST-NET-1), runs keepalived in the first one and
# tcpdump on its side of the veth. Idempotent: every run rewrites the same files. Everything it
# creates (namespaces, processes, temp dir) is removed by the EXIT trap, whatever the exit path.
#
# Scenarios (the first mirrors the seed's PostgreSQL keepalived.conf):
#   keepalived-pass-vrid51.pcap     vrid 51, priority 101, advert_int 1, auth PASS "PASSWORD", VIP 192.0.2.100
#   keepalived-pass-vrid51-prio0.pcap  the priority-0 advert the same instance sends on SIGTERM as master
#   keepalived-noauth-2vips.pcap    vrid 52, priority 150, advert_int 1, no auth, VIPs 192.0.2.100 + .101
#   keepalived-v3-vrid53.pcap       VRRPv3: vrid 53, priority 120, advert_int 1, VIP 192.0.2.100
set -euo pipefail

if [ "$(id -u)" != 0 ]; then
  echo "capture-keepalived-fixture: must run as root (network namespaces, raw sockets)" >&2
  exit 1
fi
for tool in keepalived tcpdump ip; do
  command -v "$tool" >/dev/null 2>&1 || { echo "capture-keepalived-fixture: $tool not found" >&2; exit 1; }
done

here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/vrrpd/src/test/resources/fixtures"
mkdir -p "$out"

# Names carry our pid so a concurrent run (or another lab) never collides with us.
tag="vfx$$"
ns_a="${tag}a"
ns_b="${tag}b"
veth_a="${tag}a"
veth_b="${tag}b"
work="$(mktemp -d /tmp/vrrpd-fixture.XXXXXX)"
pids=()

cleanup() {
  local p
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  for p in "${pids[@]}"; do
    wait "$p" 2>/dev/null || true
  done
  ip netns del "$ns_a" 2>/dev/null || true
  ip netns del "$ns_b" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$ns_a"
ip netns add "$ns_b"
ip link add "$veth_a" type veth peer name "$veth_b"
ip link set "$veth_a" netns "$ns_a"
ip link set "$veth_b" netns "$ns_b"
ip -n "$ns_a" addr add 192.0.2.1/24 dev "$veth_a"
ip -n "$ns_b" addr add 192.0.2.2/24 dev "$veth_b"
ip -n "$ns_a" link set lo up
ip -n "$ns_b" link set lo up
ip -n "$ns_a" link set "$veth_a" up
ip -n "$ns_b" link set "$veth_b" up

# write_conf NAME VRRP_VERSION VRID PRIORITY PASSWORD_OR_EMPTY VIPS...
write_conf() {
  local name="$1" version="$2" vrid="$3" prio="$4" auth="$5"
  shift 5
  {
    echo "global_defs {"
    echo "  router_id VRRPD_FIXTURE"
    echo "}"
    echo "vrrp_instance VI_1 {"
    echo "  state MASTER"
    echo "  version $version"
    echo "  interface $veth_a"
    echo "  virtual_router_id $vrid"
    echo "  priority $prio"
    echo "  advert_int 1"
    if [ -n "$auth" ]; then
      echo "  authentication {"
      echo "    auth_type PASS"
      echo "    auth_pass $auth"
      echo "  }"
    fi
    echo "  virtual_ipaddress {"
    local vip
    for vip in "$@"; do
      echo "    $vip dev $veth_a"
    done
    echo "  }"
    echo "}"
  } >"$work/$name.conf"
}

# capture NAME SECONDS_AS_MASTER: runs keepalived with $work/NAME.conf, records every VRRP packet on
# the sender's veth, then stops keepalived with SIGTERM (as master it then sends priority 0) and
# waits for it to exit before stopping tcpdump.
capture() {
  local name="$1" seconds="$2" tcpdump_pid ka_pid
  ip netns exec "$ns_a" tcpdump -i "$veth_a" -U -n -s 0 -w "$work/$name.pcap" 'ip proto 112' \
    2>"$work/$name.tcpdump.log" &
  tcpdump_pid=$!
  pids+=("$tcpdump_pid")
  sleep 1
  ip netns exec "$ns_a" keepalived -n -l -D -f "$work/$name.conf" -p "$work/$name.pid" \
    -r "$work/$name.vrrp.pid" -c "$work/$name.checkers.pid" --vrrp >"$work/$name.keepalived.log" 2>&1 &
  ka_pid=$!
  pids+=("$ka_pid")
  # state MASTER with priority < 255 still waits out the master-down interval (~3.6 s) first.
  sleep "$seconds"
  kill -TERM "$ka_pid"
  wait "$ka_pid" 2>/dev/null || true
  sleep 1
  kill -INT "$tcpdump_pid"
  wait "$tcpdump_pid" 2>/dev/null || true
}

write_conf pass 2 51 101 PASSWORD 192.0.2.100
capture pass 8
# Split the run: ordinary adverts, and the priority-0 advert(s) sent on shutdown. ip[22] is the VRRP
# priority octet when the IP header has no options (keepalived sends none for VRRPv2 over IPv4).
tcpdump -r "$work/pass.pcap" -w "$out/keepalived-pass-vrid51.pcap" 'ip proto 112 and ip[22] != 0' 2>/dev/null
tcpdump -r "$work/pass.pcap" -w "$out/keepalived-pass-vrid51-prio0.pcap" 'ip proto 112 and ip[22] = 0' 2>/dev/null

write_conf noauth 2 52 150 "" 192.0.2.100 192.0.2.101
capture noauth 6
tcpdump -r "$work/noauth.pcap" -w "$out/keepalived-noauth-2vips.pcap" 'ip proto 112 and ip[22] != 0' 2>/dev/null

# VRRPv3 (RFC 5798): no authentication, interval in centiseconds, checksum over a pseudo-header.
write_conf v3 3 53 120 "" 192.0.2.100
capture v3 6
tcpdump -r "$work/v3.pcap" -w "$out/keepalived-v3-vrid53.pcap" 'ip proto 112 and ip[22] != 0' 2>/dev/null

# tcpdump drops privileges to its own user; give the files the owner of the fixtures directory.
chown --reference="$out" "$out"/keepalived-*.pcap

for f in keepalived-pass-vrid51 keepalived-pass-vrid51-prio0 keepalived-noauth-2vips keepalived-v3-vrid53; do
  n="$(tcpdump -r "$out/$f.pcap" 2>/dev/null | wc -l)"
  if [ "$n" -eq 0 ]; then
    echo "capture-keepalived-fixture: $f.pcap has no packets; keepalived said:" >&2
    cat "$work"/*.keepalived.log >&2 || true
    exit 1
  fi
  echo "capture-keepalived-fixture: $f.pcap: $n packet(s)"
done
