#!/usr/bin/env bash
# The allocation-overhead benchmark (issue 3): builds the agent and the benchmark jar, runs every workload under
# each configuration (interleaved across repetitions), measures start-up cost, and prints the tables.
#
#   bench/run.sh                 default run (~15 min on 2 cores: 2 repetitions, then rate=1 for up to 5 min)
#   QUICK=1 bench/run.sh         smoke run (~3-4 min): 1 repetition, short iterations, no rate=1 worst case
#
# Knobs (environment): REPS (default 2), CONFIGS (default "none memprof jfr"; also memprof-rate0, memprof-nojfr),
# WORST=0|1 (the rate=1 worst case; default 1, 0 under QUICK), WORST_TIMEOUT seconds (default 300),
# BENCH (JMH regex, default all), PROBES (start-up probes per config and repetition, default 2), SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

QUICK=${QUICK:-0}
if [[ $QUICK == 1 ]]; then
  REPS=${REPS:-1}; WORST=${WORST:-0}; PROBES=${PROBES:-1}
  JMH_ITER=(-wi 1 -i 2 -w 1s -r 1s)
else
  REPS=${REPS:-2}; WORST=${WORST:-1}; PROBES=${PROBES:-2}
  JMH_ITER=()   # the iteration counts in each benchmark's annotations
fi
CONFIGS=(${CONFIGS:-none memprof jfr})
BENCH=${BENCH:-.}
WORST_TIMEOUT=${WORST_TIMEOUT:-300}
AGENT=$ROOT/agent/target/memprof.jar
JAR=$ROOT/bench/target/benchmarks.jar
OUT=$ROOT/bench/target/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
LOCALE=(-Duser.language=en -Duser.country=US)

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  echo "building agent/target/memprof.jar and bench/target/benchmarks.jar ..."
  mvn -B -q -pl agent package -DskipTests
  mvn -B -q -Pbench -pl bench package
fi

# The JVM options that make each configuration.
config_args() {
  case $1 in
    none) echo "" ;;
    memprof) echo "-javaagent:$AGENT=port=0" ;;
    memprof-rate0) echo "-javaagent:$AGENT=port=0,rate=0" ;;
    memprof-nojfr) echo "-javaagent:$AGENT=port=0,jfr=off" ;;
    memprof-rate1) echo "-javaagent:$AGENT=port=0,rate=1" ;;
    jfr) echo "-XX:StartFlightRecording:settings=profile,filename=$OUT/recording.jfr" ;;
    *) echo "unknown config $1" >&2; exit 2 ;;
  esac
}

load() { echo "$(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"; }

probe() { # config: one start-up measurement -> startup.txt
  local args; args=$(config_args "$1")
  local line
  line=$($JAVA -Xms1g -Xmx1g $args -Dbench.launchNanos="$(date +%s%N)" -cp "$JAR" \
      dev.memprof.bench.startup.StartupProbe 2>/dev/null | tail -1)
  echo "$1 $line" >> "$OUT/startup.txt"
}

echo "results in $OUT ($(nproc) cores)"
load
for ((rep = 1; rep <= REPS; rep++)); do
  n=${#CONFIGS[@]}
  for ((k = 0; k < n; k++)); do
    config=${CONFIGS[$(((k + rep - 1) % n))]}   # rotate the order each repetition, against drift
    args=$(config_args "$config")
    echo "rep $rep/$REPS: $config"
    for ((p = 0; p < PROBES; p++)); do probe "$config"; done
    $JAVA "${LOCALE[@]}" -jar "$JAR" "$BENCH" -f 1 "${JMH_ITER[@]}" ${args:+-jvmArgsAppend "$args"} \
        > "$OUT/jmh-$rep-$config.txt" 2>&1 || echo "  (JMH failed; see $OUT/jmh-$rep-$config.txt)"
    load
  done
done

if [[ $WORST == 1 ]]; then
  # Sampling every allocation is orders of magnitude slower, so it gets one JVM for all workloads (-f 0),
  # one short warm-up and one measured iteration each, and a time limit; the report keeps what finished.
  echo "worst case: memprof rate=1 (at most ${WORST_TIMEOUT}s)"
  timeout "$WORST_TIMEOUT" $JAVA "${LOCALE[@]}" -Xms1g -Xmx1g $(config_args memprof-rate1) -jar "$JAR" "$BENCH" \
      -f 0 -wi 1 -i 1 -w 1s -r 1s > "$OUT/jmh-1-memprof-rate1.txt" 2>&1 || echo "  (stopped at the time limit)"
  load
fi

$JAVA -cp "$JAR" dev.memprof.bench.report.Report "$OUT" | tee "$OUT/report.txt"
echo
cat "$OUT/load.txt" | sed 's/^/  /'
