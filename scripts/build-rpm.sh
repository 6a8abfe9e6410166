#!/usr/bin/env bash
# Builds the RPM: packaging/target/rpm/vrrpd-VERSION-RELEASE.noarch.rpm (and the tarball
# packaging/target/vrrpd-VERSION.tar.gz for systems without RPM).
# Installs rpmbuild (Debian's rpm package) when run as root on a machine with apt-get, builds the
# distribution with Maven when it is missing or older than the sources, then runs rpmbuild on
# packaging/vrrpd.spec and checks the package with rpmlint when that is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-rpm-tools.sh
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
tarball=packaging/target/vrrpd-$version.tar.gz
if [ ! -f "$tarball" ] || [ -n "$(find pom.xml ./*/pom.xml ./*/src ./*/units ./*/dropins packaging/vrrpd.spec \
    -type f -newer "$tarball" -print -quit 2>/dev/null)" ]; then
  echo "build-rpm: building the distribution (mvn -B -q package -DskipTests) ..." >&2
  # The packaging module builds the RPM itself when rpmbuild is there, which it now is.
  mvn -B -q package -DskipTests -pl packaging -am 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
else
  scripts/lib/rpm-from-dist.sh "$version"
fi
rpm=$(ls packaging/target/rpm/*.noarch.rpm)
if command -v rpmlint >/dev/null 2>&1; then
  rpmlint -c packaging/rpmlint.toml "$rpm"
fi
echo "$rpm"
