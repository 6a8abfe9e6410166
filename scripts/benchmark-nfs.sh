#!/usr/bin/env bash
# NFS failover benchmark: N hard failovers of the NFS pair (vrrpd + the nfs hook + nfs-ganesha in two lab
# namespaces over one shared directory), each timed as a libnfs client sees it through the VIP; prints
# every trial and the median and maximum (see BENCHMARKS.md, "NFS failover").
#   scripts/benchmark-nfs.sh [N]    N hard failovers (default 5, at least 5 for the figures; ~35 s each)
# Results are printed and written to test-lab/target/benchmark-nfs.txt. Needs root (network namespaces).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
  echo "benchmark-nfs.sh: needs root: the lab creates network namespaces (try: sudo scripts/benchmark-nfs.sh)" >&2
  exit 77
fi
trials=5
case "${1:-}" in
  "") ;;
  *[!0-9]*) echo "usage: scripts/benchmark-nfs.sh [N]" >&2; exit 64 ;;
  *) trials=$1 ;;
esac
. scripts/lib/ensure-built.sh
ensure_built benchmark-nfs.sh
exec java -cp "$jar:test-lab/target/lib/*" io.vrrpd.lab.NfsFailoverBenchmark --trials "$trials" \
  --out test-lab/target/benchmark-nfs.txt --command "scripts/benchmark-nfs.sh${*:+ $*}"
