#!/usr/bin/env bash
# Installs what building and checking the RPM needs: rpmbuild and rpm (Debian's rpm package) and rpmlint.
# Idempotent; on a machine without apt-get, or not as root, it only says what is missing.
set -euo pipefail
need=()
command -v rpmbuild >/dev/null 2>&1 || need+=(rpm)
command -v rpmlint >/dev/null 2>&1 || need+=(rpmlint)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-rpm-tools: missing ${need[*]}; install them with your package manager (RHEL: rpm-build rpmlint)" >&2
  exit 0
fi
echo "install-rpm-tools: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
