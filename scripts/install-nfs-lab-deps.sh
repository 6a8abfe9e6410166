#!/usr/bin/env bash
# Installs what the NFS lab tests and the NFS benchmark drive, from Debian 12's packages: nfs-ganesha and
# its VFS backend (the NFS server the hook starts in the lab's namespaces) and libnfs-utils (nfs-cp,
# nfs-cat, nfs-ls: a user-space NFS client, because the lab's kernel has no NFS client). Called by
# install-lab-deps.sh; idempotent.
#
# ganesha must never run on the host (the host's network is real): a temporary policy-rc.d keeps the
# packages' postinst from starting it, and its units are disabled and stopped afterwards.
set -euo pipefail
need=()
command -v ganesha.nfsd >/dev/null 2>&1 || need+=(nfs-ganesha)
[ -e /usr/lib/x86_64-linux-gnu/ganesha/libfsalvfs.so ] || [ -e /usr/lib64/ganesha/libfsalvfs.so ] \
  || need+=(nfs-ganesha-vfs)
command -v nfs-cp >/dev/null 2>&1 || need+=(libnfs-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-nfs-lab-deps: missing ${need[*]}; install nfs-ganesha, nfs-ganesha-vfs and libnfs-utils" >&2
  exit 1
fi
echo "install-nfs-lab-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\n# install-nfs-lab-deps.sh: no service starts during this install\nexit 101\n' > "$policy"
  chmod 755 "$policy"
  own_policy=1
fi
cleanup() { if [ "$own_policy" = 1 ]; then rm -f "$policy"; fi; }
trap cleanup EXIT
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
if command -v systemctl >/dev/null 2>&1; then
  systemctl disable --now nfs-ganesha.service nfs-ganesha-lock.service >/dev/null 2>&1 || true
fi
if pgrep -x ganesha.nfsd >/dev/null 2>&1; then
  # Only a ganesha outside every network namespace the lab made can be the package's own.
  for pid in $(pgrep -x ganesha.nfsd); do
    if [ "$(readlink /proc/"$pid"/ns/net)" = "$(readlink /proc/1/ns/net)" ]; then
      echo "install-nfs-lab-deps: stopping the host's ganesha (pid $pid) the package started" >&2
      kill "$pid" || true
    fi
  done
fi
