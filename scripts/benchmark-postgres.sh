#!/usr/bin/env bash
# PostgreSQL hard-failover benchmark (issue 7; see BENCHMARKS.md, "PostgreSQL failover"): write outage and
# lost acknowledged rows when the primary's node dies, for vrrpd with the postgres hook (synchronous and
# asynchronous replication) and the seed's naive keepalived + notify_master pg_promote(), in one run.
#   scripts/benchmark-postgres.sh [N]             N trials per arm (default 5; about 15 minutes)
#   scripts/benchmark-postgres.sh --arms naive    only the naive keepalived arms (or: vrrpd)
#   scripts/benchmark-postgres.sh 5 --arms vrrpd-sync-v3   issue 11: the seed pair as VRRPv3 at 100 ms adverts,
#                                                 synchronous, with a per-trial breakdown of the outage
# Results are printed and written to test-lab/target/benchmark-postgres.txt. Needs root (network namespaces).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
  echo "benchmark-postgres.sh: needs root: the lab creates network namespaces" >&2
  exit 77
fi
command_text="scripts/benchmark-postgres.sh${*:+ $*}"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --arms)
      [ $# -ge 2 ] || { echo "usage: scripts/benchmark-postgres.sh [N] [--arms vrrpd|naive|vrrpd-sync-v3|vrrpd,naive]" >&2; exit 64; }
      args+=(--arms "$2"); shift ;;
    *[!0-9]*|'') echo "usage: scripts/benchmark-postgres.sh [N] [--arms vrrpd|naive|vrrpd-sync-v3|vrrpd,naive]" >&2; exit 64 ;;
    *) args+=(--trials "$1") ;;
  esac
  shift
done
. scripts/lib/ensure-built.sh
ensure_built benchmark-postgres.sh
exec java -cp "$jar:test-lab/target/lib/*" io.vrrpd.lab.PgFailoverBenchmark "${args[@]}" \
  --out test-lab/target/benchmark-postgres.txt --command "$command_text"
