#!/usr/bin/env bash
# Failover benchmark, vrrpd against keepalived, measured on the wire (see BENCHMARKS.md).
#   scripts/benchmark.sh [N]        N trials per case (default 10; about 6 minutes)
#   scripts/benchmark.sh --quick    2 trials per case, for a quick check
#   add --load to measure advert timing also while two busy loops load the CPU
#   scripts/benchmark.sh --v3 [N] [--ipv6] [--load]
#                                   VRRPv3 at advert_int 0.1 s: keepalived master SIGKILLed, backup vrrpd
#                                   and keepalived in turn, N trials each (default 10); --load puts the busy
#                                   loops next to the backup; results in test-lab/target/benchmark-v3.txt
#   scripts/benchmark.sh --footprint   200 instances: RSS, threads, CPU, vrrpctl start-up, exec -> first advert
#                                      (vrrpd next to keepalived; written to test-lab/target/footprint.txt)
#   scripts/benchmark.sh --soak [MINUTES]   the seed pair, vrrpd and keepalived side by side, MINUTES (default 60)
#                                      under stress-ng on every core and half the memory: advert timing seen from
#                                      a third node, false failovers, RSS growth, GC pauses (test-lab/target/soak.txt)
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
    --v3) main=io.vrrpd.lab.V3FailoverBenchmark; out=test-lab/target/benchmark-v3.txt ;;
    --footprint) main=io.vrrpd.lab.FootprintBenchmark; out=test-lab/target/footprint.txt ;;
    --soak) main=io.vrrpd.lab.SoakBenchmark; out=test-lab/target/soak.txt ;;
    --quick|--load|--ipv6) args+=("$a") ;;
    *[!0-9]*|'') echo "usage: scripts/benchmark.sh [N | --quick] [--load]; scripts/benchmark.sh --v3 [N] [--ipv6] [--load]; scripts/benchmark.sh --footprint; scripts/benchmark.sh --soak [MINUTES]" >&2; exit 64 ;;
    *) if [ "$main" = io.vrrpd.lab.SoakBenchmark ]; then args+=(--minutes "$a"); else args+=(--trials "$a"); fi ;;
  esac
done
if [ "$main" = io.vrrpd.lab.V3FailoverBenchmark ] && [[ " ${args[*]-} " == *" --quick "* ]]; then
  echo "benchmark.sh: --quick is for the v2 benchmark; give --v3 a trial count instead" >&2; exit 64
fi
if [ "$main" = io.vrrpd.lab.SoakBenchmark ] && [[ " ${args[*]-} " == *" --"[qli]* ]]; then
  echo "benchmark.sh: --soak takes only a number of minutes" >&2; exit 64
fi
if [ "$main" = io.vrrpd.lab.FailoverBenchmark ] && [[ " ${args[*]-} " == *" --ipv6 "* ]]; then
  echo "benchmark.sh: --ipv6 needs --v3 (VRRPv2 is IPv4 only)" >&2; exit 64
fi
. scripts/lib/ensure-built.sh
ensure_built benchmark.sh
if [ "$main" = io.vrrpd.lab.FootprintBenchmark ] && [ ${#args[@]} -gt 0 ]; then
  echo "usage: scripts/benchmark.sh --footprint (takes no other option)" >&2; exit 64
fi
exec java -cp "$jar:test-lab/target/lib/*" "$main" ${args[@]+"${args[@]}"} \
  --out "$out" --command "scripts/benchmark.sh${*:+ $*}"
