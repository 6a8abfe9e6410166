#!/usr/bin/env bash
# Failover benchmark, vrrpd against keepalived, measured on the wire (see BENCHMARKS.md).
#   scripts/benchmark.sh [N]        N trials per case (default 10; about 6 minutes)
#   scripts/benchmark.sh --quick    2 trials per case, for a quick check
#   add --load to measure advert timing also while two busy loops load the CPU
#   scripts/benchmark.sh --footprint   200 instances: RSS, threads, CPU, vrrpctl start-up, exec -> first advert
#                                      (vrrpd next to keepalived; written to test-lab/target/footprint.txt)
# Results are printed and written to test-lab/target/benchmark.txt. Needs root (network namespaces).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
  echo "benchmark.sh: needs root: the lab creates network namespaces (try: sudo scripts/benchmark.sh)" >&2
  exit 77
fi
args=()
main=io.vrrpd.lab.FailoverBenchmark
out=test-lab/target/benchmark.txt
for a in "$@"; do
  case "$a" in
    --footprint) main=io.vrrpd.lab.FootprintBenchmark; out=test-lab/target/footprint.txt ;;
    --quick|--load) args+=("$a") ;;
    *[!0-9]*|'') echo "usage: scripts/benchmark.sh [N | --quick] [--load] | --footprint" >&2; exit 64 ;;
    *) args+=(--trials "$a") ;;
  esac
done
. scripts/lib/ensure-built.sh
ensure_built benchmark.sh
if [ "$main" = io.vrrpd.lab.FootprintBenchmark ] && [ ${#args[@]} -gt 0 ]; then
  echo "usage: scripts/benchmark.sh --footprint (takes no other option)" >&2; exit 64
fi
exec java -cp "$jar:test-lab/target/lib/*" "$main" "${args[@]}" \
  --out "$out" --command "scripts/benchmark.sh${*:+ $*}"
