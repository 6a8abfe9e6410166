#!/usr/bin/env bash
# The first thing to run: two vrrpd nodes in a network-namespace lab with the seed's database
# keepalived.conf files, a master crash (SIGKILL) and the backup's takeover, timed; then everything is removed.
# Needs root (network namespaces). Builds the project first when the build is missing or older than the
# sources, and installs the lab's tools (keepalived, tcpdump, tshark, iproute2) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
  echo "demo.sh: needs root: the lab creates network namespaces (try: sudo scripts/demo.sh)" >&2
  exit 77
fi
. scripts/lib/ensure-built.sh
ensure_built demo.sh
# exec: Ctrl-C reaches the JVM, whose shutdown hook closes the lab (namespaces, daemons, captures).
exec java -cp "$jar:test-lab/target/lib/*" io.vrrpd.lab.Demo
