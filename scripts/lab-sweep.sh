#!/usr/bin/env bash
# Removes network namespaces left by vrrpd lab runs whose JVM is gone (a crash, kill -9 of Maven, a CI
# timeout). Lab namespaces are named vrl<pid>-<seq>-<role> (sw for the switch, n<i> for nodes); the pid is
# the JVM that made them, so namespaces of a lab that is still running are left alone. The same sweep runs
# at the start of every lab (io.vrrpd.lab.StaleLabSweeper).
#
#   scripts/lab-sweep.sh          sweep stale lab namespaces
#   scripts/lab-sweep.sh -n       only show what would be swept
#
# PostgreSQL servers of the lab (test-lab PostgresServer) daemonize through pg_ctl; they die with their
# namespace's sweep above, but a postmaster whose namespace name is already gone would not: find those by
# their data directory (-D /tmp/vrl<pid>-<seq>-*/...) and kill them with their children. A server killed
# this way leaves its small System V shared memory segment; segments of user postgres that nobody has
# attached and whose creator is gone are removed too (a cleanly stopped server removes its own).
#
# Kept lab directories (/tmp/vrl<pid>-<seq>-*: logs, configs, captures of failed tests) are listed, not
# deleted: they are what you debug with.
set -euo pipefail
dry_run=0
case "${1:-}" in
  -n|--dry-run) dry_run=1 ;;
  "") ;;
  *) echo "usage: $0 [-n|--dry-run]" >&2; exit 2 ;;
esac
if [ "$(id -u)" != 0 ]; then
  echo "lab-sweep: must run as root (ip netns delete needs CAP_SYS_ADMIN)" >&2
  exit 1
fi
swept=0
# ip netns list prints "NAME" or "NAME (id: N)".
while read -r ns _; do
  [[ "$ns" =~ ^vrl([0-9]{1,10})-([0-9]{1,6})-(sw|n[0-9]{1,3})$ ]] || continue
  pid=${BASH_REMATCH[1]}
  if [ "$pid" -gt 0 ] && kill -0 "$pid" 2>/dev/null; then
    echo "lab-sweep: keeping $ns (pid $pid is running)"
    continue
  fi
  if [ "$dry_run" = 1 ]; then
    echo "lab-sweep: would remove $ns (pid $pid is gone)"
    swept=$((swept + 1))
    continue
  fi
  # A process still inside (vrrpd, keepalived, a ganesha the nfs hook started) would keep the namespace
  # alive after its name is deleted: kill those first.
  pids=$(ip netns pids "$ns" 2>/dev/null || true)
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086 # one pid per word
    kill -s KILL $pids 2>/dev/null || true
  fi
  if ip netns delete "$ns"; then
    echo "lab-sweep: removed $ns"
    swept=$((swept + 1))
  fi
done < <(ip netns list)
if [ "$dry_run" = 1 ]; then
  echo "lab-sweep: dry run: $swept namespace(s) to remove"
else
  echo "lab-sweep: removed $swept namespace(s)"
fi
for cmdline in /proc/[0-9]*/cmdline; do
  pid=${cmdline#/proc/}; pid=${pid%/cmdline}
  { args=$(tr '\0' ' ' <"$cmdline"); } 2>/dev/null || continue
  [[ "$args" =~ (^|/)postgres\ .*-D\ /tmp/vrl([0-9]{1,10})-[0-9]{1,6}- ]] || continue
  owner=${BASH_REMATCH[2]}
  if [ "$owner" -gt 0 ] && kill -0 "$owner" 2>/dev/null; then
    continue
  fi
  if [ "$dry_run" = 1 ]; then
    echo "lab-sweep: would kill stray lab postgres $pid (lab pid $owner is gone)"
    continue
  fi
  children=$(ps -o pid= --ppid "$pid" 2>/dev/null || true)
  # shellcheck disable=SC2086 # one pid per word
  kill -s KILL "$pid" $children 2>/dev/null || true
  echo "lab-sweep: killed stray lab postgres $pid (lab pid $owner is gone)"
done
if [ "$dry_run" = 0 ] && command -v ipcs >/dev/null 2>&1; then
  # ipcs -m -p: shmid owner cpid lpid; ipcs -m: key shmid owner perms bytes nattch status
  while read -r shmid owner cpid _lpid; do
    [ "$owner" = postgres ] && [[ "$shmid" =~ ^[0-9]+$ ]] || continue
    kill -0 "$cpid" 2>/dev/null && continue
    nattch=$(ipcs -m | awk -v id="$shmid" '$2 == id { print $6 }')
    [ "$nattch" = 0 ] || continue
    ipcrm -m "$shmid" && echo "lab-sweep: removed orphaned postgres shared memory segment $shmid"
  done < <(ipcs -m -p 2>/dev/null)
fi
shopt -s nullglob
kept=(/tmp/vrl[0-9]*-[0-9]*-*)
if [ ${#kept[@]} -gt 0 ]; then
  echo "lab-sweep: kept lab directories (delete when done debugging):"
  printf '  %s\n' "${kept[@]}"
fi
