#!/usr/bin/env bash
# Runs every test: the unit tests (no root) and, as root, the network-namespace lab tests.
# On a fresh machine it first installs what the lab needs (keepalived, tshark, iproute2, tcpdump,
# PostgreSQL 15, nftables).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then
  scripts/install-lab-deps.sh
else
  echo "test.sh: not root: lab tests will be skipped (they need network namespaces)" >&2
fi
exec mvn -B verify "$@"
