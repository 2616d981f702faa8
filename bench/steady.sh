#!/usr/bin/env bash
# Steady-state overhead in ops per second of the benchmark thread's CPU time (see SteadyState.java): for each
# workload, no agent and memprof at the default rate, alternating, REPS times. Less sensitive to a loaded machine
# than bench/run.sh, and it measures after the agent's start-up work and a long warm-up.
#
#   bench/steady.sh                      all workloads, 5 repetitions (about 30 minutes per JDK)
#   WORKLOADS="h2 json" REPS=3 bench/steady.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
REPS=${REPS:-5}
WORKLOADS=(${WORKLOADS:-small bytes coll str noesc json h2})
AGENT=$ROOT/agent/target/memprof.jar
JAR=$ROOT/bench/target/benchmarks.jar
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  mvn -B -q -pl agent package -DskipTests
  mvn -B -q -Pbench -pl bench package
fi
run() { # config workload
  local warm=10 args=""
  [[ $2 == h2 || $2 == json ]] && warm=20
  [[ $1 == memprof ]] && args="-javaagent:$AGENT=port=0"
  timeout 300 $JAVA -Xms1g -Xmx1g $args -cp "$JAR" dev.memprof.bench.steady.SteadyState "$2" "$warm" 5 2>/dev/null \
      | awk '/^RESULT/ {print $4}'
}
declare -A RATIOS=()
printf '%-6s %-6s %14s %14s %7s  %s\n' rep work none memprof ratio load
for ((rep = 1; rep <= REPS; rep++)); do
  for w in "${WORKLOADS[@]}"; do
    if ((rep % 2)); then a=$(run none "$w"); b=$(run memprof "$w"); else b=$(run memprof "$w"); a=$(run none "$w"); fi
    ratio=$(awk -v a="${a:-0}" -v b="${b:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", b / a; else print "-" }')
    printf '%-6s %-6s %14s %14s %7s  %s\n' "$rep" "$w" "${a:--}" "${b:--}" "$ratio" "$(cut -d' ' -f1-3 /proc/loadavg)"
    RATIOS[$w]="${RATIOS[$w]:-} $ratio"
  done
done
echo "ratio memprof / no agent over $REPS interleaved pairs: median (min-max)"
for w in "${WORKLOADS[@]}"; do
  printf '%-6s %s\n' "$w" "$(tr ' ' '\n' <<<"${RATIOS[$w]}" | grep -v '^-\?$' | sort -n | awk '{v[NR] = $1}
    END { if (NR == 0) { print "-"; exit } m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%.2f (%.2f-%.2f)", m, v[1], v[NR] }')"
done
