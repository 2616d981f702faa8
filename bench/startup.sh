#!/usr/bin/env bash
# Start-up cost of the agent, as the issue measures it, without and with -javaagent (interleaved, RUNS pairs):
#  - time to main: milliseconds from launching the JVM to the first line of main (StartupProbe), median and spread;
#  - a short program: start, allocate 100 MiB, exit (ShortProgram), whole wall time, median and spread;
#  - the CPU (user + sys) of that short program, which a busy machine distorts less than wall time.
# Usage: bench/startup.sh [runs]   (default 10; SKIP_BUILD=1 to reuse the jars; JAVA_HOME selects the JDK)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
AGENT=agent/target/memprof.jar
JAR=bench/target/benchmarks.jar
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  mvn -B -q -pl agent package -DskipTests
  mvn -B -q -Pbench -pl bench package
fi

to_main() { # [agent args...]: ms from launch to main
  "$JAVA" "$@" -Dbench.launchNanos="$(date +%s%N)" -Dbench.toMainOnly=true -cp "$JAR" \
      dev.memprof.bench.startup.StartupProbe 2>/dev/null | awk 'NR == 1 {print $1}'
}
short_program() { # [agent args...]: "wall_ms cpu_s" of the whole short program
  local TIMEFORMAT='%R %U %S' t
  t=$( { time "$JAVA" "$@" -cp "$JAR" dev.memprof.bench.startup.ShortProgram >/dev/null 2>&1; } 2>&1 )
  awk '{printf "%d %.2f\n", $1 * 1000, $2 + $3}' <<<"$t"
}
stats() { # values... -> "median (min-max)"
  printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s (%s-%s)", m, v[1], v[NR] }'
}
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

m0=() m1=() w0=() w1=() c0=() c1=() dm=() dw=()
for ((i = 0; i < RUNS; i++)); do
  a=$(to_main); b=$(to_main "-javaagent:$AGENT=port=0")
  m0+=("$a"); m1+=("$b"); dm+=("$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.0f", b - a}')")
  read -r wa ca < <(short_program); read -r wb cb < <(short_program "-javaagent:$AGENT=port=0")
  w0+=("$wa"); w1+=("$wb"); c0+=("$ca"); c1+=("$cb"); dw+=($((wb - wa)))
done
"$JAVA" -version 2>&1 | head -1
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "time to main, ms       without: $(stats "${m0[@]}")  with: $(stats "${m1[@]}")  added per pair: $(stats "${dm[@]}")"
echo "short program, wall ms without: $(stats "${w0[@]}")  with: $(stats "${w1[@]}")  added per pair: $(stats "${dw[@]}")"
echo "short program, CPU s   without: $(stats "${c0[@]}")  with: $(stats "${c1[@]}")"
