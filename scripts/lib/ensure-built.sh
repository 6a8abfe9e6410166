# Sourced by demo.sh and benchmark.sh: checks java and mvn, builds when the distribution or the test-lab
# jar is missing or older than any pom or source, installs the lab's tools, and sets $jar.
# Usage: ensure_built NAME   (NAME prefixes the messages)
ensure_built() {
  local name=$1 tool
  for tool in java mvn; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$name: needs $tool (Java 17 and Maven) on PATH" >&2; exit 69; }
  done
  jar=$(ls test-lab/target/test-lab-*.jar 2>/dev/null | head -n 1 || true)
  if [ ! -x packaging/target/dist/bin/vrrpd ] || [ -z "$jar" ] || [ ! -d test-lab/target/lib ] \
      || [ -n "$(find pom.xml ./*/pom.xml ./*/src -type f -newer "$jar" -print -quit 2>/dev/null)" ]; then
    echo "$name: building (mvn -B -q package -DskipTests) ..." >&2
    # Maven 3.8's jansi prints colour resets even in batch mode: strip escape sequences.
    mvn -B -q package -DskipTests 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
    jar=$(ls test-lab/target/test-lab-*.jar | head -n 1)
  fi
  scripts/install-lab-deps.sh
}
