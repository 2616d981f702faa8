#!/usr/bin/env bash
# Start-up cost of the agent: milliseconds from launching the JVM until the demo prints "memprof demo is running",
# without and with -javaagent, RUNS times each (interleaved), and the median of each; then the CPU time the agent's
# start costs, which a busy machine distorts less than wall time.
# Usage: bench/startup.sh [runs]   (build first: mvn -B -q package -DskipTests; JAVA_HOME selects the JDK)
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${1:-5}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAR=agent/target/memprof.jar
[ -f "$JAR" ] || { echo "no $JAR: run mvn -B -q package -DskipTests first" >&2; exit 1; }

# One run: prints the milliseconds until the demo's first line, then stops the demo.
run_once() {
  local start end
  start=$(date +%s%N)
  coproc DEMO { exec "$JAVA" "$@" -jar "$JAR" demo 2>/dev/null; }
  local pid=$DEMO_PID
  local line
  while IFS= read -r line <&"${DEMO[0]}"; do
    [[ $line == "memprof demo is running"* ]] && break
  done
  end=$(date +%s%N)
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}

without=() with=()
for _ in $(seq "$RUNS"); do
  without+=("$(run_once)")
  with+=("$(run_once "-javaagent:$JAR=port=0")")
done
m0=$(median "${without[@]}")
m1=$(median "${with[@]}")
"$JAVA" -version 2>&1 | head -1
echo "without agent (ms): ${without[*]}  median $m0"
echo "with agent    (ms): ${with[*]}  median $m1"
echo "agent adds (ms, median): $(( ${m1%.*} - ${m0%.*} ))"
# CPU seconds (user + sys) of `java -version`, which runs premain in full: less sensitive to a busy machine.
cpu_of() {
  local TIMEFORMAT=%U+%S t
  t=$( { time "$JAVA" "$@" -version >/dev/null 2>&1; } 2>&1 )
  awk -F+ '{printf "%.2f\n", $1 + $2}' <<<"$t"
}
c0=() c1=()
for _ in $(seq "$RUNS"); do
  c0+=("$(cpu_of)")
  c1+=("$(cpu_of "-javaagent:$JAR=port=0")")
done
echo "cpu s, java -version without agent: ${c0[*]}  median $(median "${c0[@]}")"
echo "cpu s, java -version with agent:    ${c1[*]}  median $(median "${c1[@]}")"
echo "jar: $(stat -c %s "$JAR") bytes"
