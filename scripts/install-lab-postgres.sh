#!/usr/bin/env bash
# Installs what the PostgreSQL lab tests drive, from Debian's packages: PostgreSQL 15 (server and client)
# and nftables (the split-brain test drops VRRP, IP protocol 112, inside the nodes' namespaces).
# Called by scripts/install-lab-deps.sh; idempotent.
#
# The host itself must never run a PostgreSQL server: the lab starts its own, inside network namespaces,
# with data directories in its temporary directory. Debian's postgresql-15 package creates and starts a
# "main" cluster (pg_createcluster, driven by /etc/postgresql-common/createcluster.conf): we turn that off
# before the server package is installed, and stop any main cluster an earlier install left, setting it to
# manual start so a reboot does not bring it back. An existing cluster is not dropped (it may hold someone's
# data); a main cluster created by this very run despite the setting is.
set -euo pipefail
PG_MAJOR=15
bin=/usr/lib/postgresql/$PG_MAJOR/bin
conf=/etc/postgresql-common/createcluster.conf

no_main_cluster() {
  if grep -Eq '^[[:space:]]*create_main_cluster[[:space:]]*=' "$conf"; then
    sed -i -E 's/^[[:space:]]*create_main_cluster[[:space:]]*=.*/create_main_cluster = false/' "$conf"
  else
    echo "create_main_cluster = false" >>"$conf"
  fi
}

stop_host_clusters() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  # pg_lsclusters -h: "VERSION CLUSTER PORT STATUS OWNER DATADIR LOGFILE", one cluster a line.
  while read -r version cluster _port status _rest; do
    [ -n "$cluster" ] || continue
    if [ "$status" != down ]; then
      echo "install-lab-postgres: stopping host cluster $version/$cluster (the lab runs its own servers)" >&2
      pg_ctlcluster "$version" "$cluster" stop -m fast || true
    fi
    startconf=/etc/postgresql/$version/$cluster/start.conf
    if [ -f "$startconf" ] && ! grep -qx manual "$startconf"; then
      echo manual >"$startconf"
      echo "install-lab-postgres: host cluster $version/$cluster set to manual start ($startconf)" >&2
    fi
  done < <(pg_lsclusters -h 2>/dev/null)
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now postgresql >/dev/null 2>&1 || true; fi
}

need=()
[ -x "$bin/pg_ctl" ] && [ -x "$bin/pg_rewind" ] || need+=("postgresql-$PG_MAJOR")
command -v nft >/dev/null 2>&1 || need+=(nftables)
if [ ${#need[@]} -eq 0 ]; then
  [ -f "$conf" ] && no_main_cluster
  stop_host_clusters
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-lab-postgres: missing ${need[*]}; install PostgreSQL $PG_MAJOR and nftables with your package" \
    "manager, without a running cluster" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
echo "install-lab-postgres: installing ${need[*]}" >&2
apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null
# postgresql-common first: it owns createcluster.conf and creates no cluster itself.
apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends postgresql-common >/dev/null
no_main_cluster
had_main=0
[ -d /etc/postgresql/$PG_MAJOR/main ] && had_main=1
apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${need[@]}" >/dev/null
if [ "$had_main" = 0 ] && [ -d /etc/postgresql/$PG_MAJOR/main ]; then
  echo "install-lab-postgres: dropping the main cluster the package created despite $conf" >&2
  pg_dropcluster --stop "$PG_MAJOR" main
fi
stop_host_clusters
