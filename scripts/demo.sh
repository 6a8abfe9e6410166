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
for tool in java mvn; do
  command -v "$tool" >/dev/null 2>&1 || { echo "demo.sh: needs $tool (Java 17 and Maven) on PATH" >&2; exit 69; }
done
jar=$(ls test-lab/target/test-lab-*.jar 2>/dev/null | head -n 1 || true)
if [ ! -x packaging/target/dist/bin/vrrpd ] || [ -z "$jar" ] || [ ! -d test-lab/target/lib ] \
    || [ -n "$(find pom.xml ./*/pom.xml ./*/src -type f -newer "$jar" -print -quit 2>/dev/null)" ]; then
  echo "demo.sh: building (mvn -B -q package -DskipTests) ..." >&2
  # Maven 3.8's jansi prints colour resets even in batch mode: strip escape sequences.
  mvn -B -q package -DskipTests 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
  jar=$(ls test-lab/target/test-lab-*.jar | head -n 1)
fi
scripts/install-lab-deps.sh
# exec: Ctrl-C reaches the JVM, whose shutdown hook closes the lab (namespaces, daemons, captures).
exec java -cp "$jar:test-lab/target/lib/*" io.vrrpd.lab.Demo
