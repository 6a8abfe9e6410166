#!/usr/bin/env bash
# Installs the programs the lab tests and the demo drive, from the distribution's packages.
# Idempotent: does nothing when everything is already there.
set -euo pipefail
# PostgreSQL 15 and nftables for the PostgreSQL lab, without a cluster running on the host.
"$(dirname "$0")/install-lab-postgres.sh"
# The NFS lab's server and client (nfs-ganesha, libnfs-utils) have their own script.
"$(dirname "$0")/install-nfs-lab-deps.sh"
# The RPM's tests build and inspect it: rpmbuild, rpm and rpmlint.
"$(dirname "$0")/install-rpm-tools.sh"
need=()
command -v keepalived >/dev/null 2>&1 || need+=(keepalived)
command -v tshark >/dev/null 2>&1 || need+=(tshark)
command -v tcpdump >/dev/null 2>&1 || need+=(tcpdump)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
# The soak benchmark (scripts/benchmark.sh --soak) loads every core and memory with stress-ng.
command -v stress-ng >/dev/null 2>&1 || need+=(stress-ng)
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-lab-deps: missing ${need[*]}; install them with your package manager" >&2
  exit 1
fi
echo "install-lab-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
# The packaged keepalived service must not run on the host: the lab starts its own, in namespaces.
if command -v systemctl >/dev/null 2>&1; then systemctl disable --now keepalived >/dev/null 2>&1 || true; fi
