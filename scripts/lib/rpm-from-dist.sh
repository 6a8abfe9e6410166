#!/usr/bin/env bash
# Builds packaging/target/rpm/vrrpd-VERSION-RELEASE.noarch.rpm with rpmbuild from packaging/vrrpd.spec and
# the tarball packaging/target/vrrpd-MAVEN_VERSION.tar.gz (the distribution `mvn package` makes).
# Called by the packaging module at `mvn package` and by scripts/build-rpm.sh.
# Usage: rpm-from-dist.sh [--if-available] MAVEN_VERSION
#   --if-available: without rpmbuild, say so and exit 0 (the Maven build goes on without an RPM)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
if_available=false
if [ "${1:-}" = --if-available ]; then if_available=true; shift; fi
mvn_version=${1:?usage: rpm-from-dist.sh [--if-available] MAVEN_VERSION}

if ! command -v rpmbuild >/dev/null 2>&1; then
  if $if_available; then
    echo "rpm: rpmbuild not installed, RPM not built (scripts/build-rpm.sh installs it)" >&2
    exit 0
  fi
  echo "rpm: rpmbuild not installed (Debian: apt-get install rpm; RHEL: dnf install rpm-build)" >&2
  exit 69
fi

tarball=$root/packaging/target/vrrpd-$mvn_version.tar.gz
[ -f "$tarball" ] || { echo "rpm: no $tarball (run mvn -B package -DskipTests first)" >&2; exit 66; }

# RPM versions cannot carry Maven's '-SNAPSHOT'. A snapshot X-SNAPSHOT becomes Version X with a Release
# below 1 (0.<commit time UTC>.git<hash>), so the final X-1 sorts after every snapshot of X and each later
# commit's snapshot upgrades the one before (Fedora's versioning guidelines, "snapshots"). A release X
# becomes X-1.
version=${mvn_version%-SNAPSHOT}
if [ "$version" != "$mvn_version" ]; then
  if stamp=$(cd "$root" && TZ=UTC git log -1 --format=%cd --date=format-local:%Y%m%d%H%M%S 2>/dev/null) \
      && hash=$(cd "$root" && git rev-parse --short=7 HEAD 2>/dev/null); then
    release=0.$stamp.git$hash
  else
    release=0.$(date -u +%Y%m%d%H%M%S)
  fi
else
  release=1
fi
case $version in *[!0-9A-Za-z._+~^]*|'') echo "rpm: version '$version' is not a valid RPM version" >&2; exit 65;; esac

top=$root/packaging/target/rpmbuild
out=$root/packaging/target/rpm
rm -rf "$top" "$out"
mkdir -p "$top/SOURCES" "$out"
cp "$tarball" "$top/SOURCES/"
rpmbuild -bb --quiet \
  --define "_topdir $top" \
  --define "vrrpd_version $version" \
  --define "vrrpd_release $release" \
  --define "vrrpd_tarball_version $mvn_version" \
  "$root/packaging/vrrpd.spec"
mv "$top"/RPMS/noarch/vrrpd-*.noarch.rpm "$out/"
echo "rpm: $(ls "$out"/*.rpm)" >&2
