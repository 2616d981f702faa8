#!/usr/bin/env bash
# Attaching to a live service: an H2 service (LiveService) runs for DURATION seconds; at ATTACH_AT seconds the agent
# is attached with `memprof.jar attach`. Prints each second's throughput as a ratio to the median of the 10 seconds
# before the attach, the lowest 1-second window after it, how many windows fell under 0.5, how long the attach
# command took, and when the agent said its coverage was complete (every class loaded before it rewritten).
# Usage: bench/attach.sh   (knobs: DURATION=90 ATTACH_AT=25 THREADS=1 SKIP_BUILD=1; JAVA_HOME selects the JDK)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${DURATION:-90}
ATTACH_AT=${ATTACH_AT:-25}
THREADS=${THREADS:-1}
AGENT=$ROOT/agent/target/memprof.jar
JAR=$ROOT/bench/target/benchmarks.jar
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  mvn -B -q -pl agent package -DskipTests
  mvn -B -q -Pbench -pl bench package
fi
OUT=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$OUT"' EXIT

now_ms() { date +%s%3N; }
# The service's stderr (where the agent logs) with each line's arrival time in epoch ms.
$JAVA -Xms1g -Xmx1g -XX:+EnableDynamicAgentLoading -cp "$JAR" dev.memprof.bench.live.LiveService "$DURATION" \
    "$THREADS" > "$OUT/ticks" 2> >(while IFS= read -r l; do echo "$(now_ms) $l"; done > "$OUT/err") &
pid=$!
sleep "$ATTACH_AT"
attach_start=$(now_ms)
$JAVA -jar "$AGENT" attach "$pid" port=0 > "$OUT/attach.out" 2>&1 || { cat "$OUT/attach.out"; exit 1; }
attach_end=$(now_ms)
wait "$pid" || true
sleep 1

"$JAVA" -version 2>&1 | head -1
covered=$(awk '/covers every class/ {print $1; exit}' "$OUT/err")
base=$(awk -v a="$attach_start" '/^tick/ && $2 <= a && $2 > a - 10000 {print $3}' "$OUT/ticks" | sort -n \
  | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}')
echo "ops/s before attach (median of the 10 s before): $base"
awk -v a="$attach_start" -v b="$attach_end" -v c="${covered:-0}" -v base="$base" '
  /^tick/ && $2 > a { r = $3 / base; line = line sprintf(" %.2f", r); if (n++ == 0 || r < low) low = r; if (r < 0.5) under++ }
  END {
    printf "each second after attach, ratio to before:%s\n", line
    printf "lowest 1 s window after attach: %.2f; windows under 0.5: %d\n", low, under
    printf "attach command took: %d ms\n", b - a
    if (c > 0) printf "full coverage %d ms after the attach began\n", c - a
    else print "full coverage: not reported within the run"
  }' "$OUT/ticks"
grep -v "^[0-9]* *$" "$OUT/err" | cut -d' ' -f2- | grep memprof || true
