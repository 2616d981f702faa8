#!/usr/bin/env bash
# Throughput of an allocation-heavy loop with the agent's ring recording on (jfr=on) and off (jfr=off),
# alternating runs, and the ratio of the medians. Needs the built agent jar. Not part of the test suite.
#   bench/ring-overhead.sh [seconds-per-run] [runs]     (defaults 10 and 3)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
RUNS=${2:-3}
JAVA=${JAVA:-java}
JAR=agent/target/memprof.jar
WORK=$(mktemp -d /tmp/memprof-overhead.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$JAVA" -version 2>&1 | head -1
javac -d "$WORK" bench/AllocThroughput.java
one() { "$JAVA" -Xmx512m "-javaagent:$JAR=port=0,jfr=$1,log=warn" -cp "$WORK" AllocThroughput "$SECONDS_PER_RUN" \
  | sed -n 's/^ops\/s //p'; }
on=(); off=()
for i in $(seq "$RUNS"); do
  off+=("$(one off)"); on+=("$(one on)")
  echo "run $i: jfr=off ${off[-1]} ops/s, jfr=on ${on[-1]} ops/s"
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
m_on=$(median "${on[@]}"); m_off=$(median "${off[@]}")
echo "median jfr=on/jfr=off = $(awk -v a="$m_on" -v b="$m_off" 'BEGIN { printf "%.3f", a / b }')"
