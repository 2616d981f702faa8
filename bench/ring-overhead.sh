#!/usr/bin/env bash
# The cost of the agent's ring recording on an allocation-heavy loop: RingOverhead alternates windows with and
# without a recording of the ring's exact settings inside one JVM that has the agent attached (jfr=off), and prints
# the on/off ratio of each pair, their median, and their mean with its standard error. Needs the built agent jar.
# Not part of the test suite.
#   bench/ring-overhead.sh [seconds-per-window] [pairs]     (defaults 5 and 12)
set -euo pipefail
cd "$(dirname "$0")/.."
WINDOW=${1:-5}
PAIRS=${2:-12}
JAVA=${JAVA:-java}
JAR=agent/target/memprof.jar
WORK=$(mktemp -d /tmp/memprof-overhead.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
"$JAVA" -version 2>&1 | head -1
javac -cp "$JAR" -d "$WORK" bench/AllocThroughput.java bench/RingOverhead.java
"$JAVA" -Xmx512m "-javaagent:$JAR=port=0,jfr=off,log=warn" -cp "$JAR:$WORK" RingOverhead "$WINDOW" "$PAIRS"
