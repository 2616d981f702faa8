#!/usr/bin/env bash
# Times `memprof convert` against async-profiler's jfr-converter (-o pprof) on one recording of at least 100 MB
# that this script makes, and reports each one's wall time and peak heap, and the wall time of the JDK's own
# parser reading the same events and doing nothing with them. Needs the built agent jar
# (mvn -B -q package -DskipTests) and Maven to fetch tools.profiler:jfr-converter. Not part of the test suite.
#   bench/convert-bench.sh [min-size-MB]   (default 100)
set -euo pipefail
cd "$(dirname "$0")/.."
MIN_MB=${1:-100}
JAVA=${JAVA:-java}
JAR=agent/target/memprof.jar
CONVERTER_VERSION=$(sed -n 's:.*<async-profiler.version>\(.*\)</async-profiler.version>.*:\1:p' agent/pom.xml)
WORK=$(mktemp -d /tmp/memprof-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
mvn -B -q dependency:get -Dartifact=tools.profiler:jfr-converter:"$CONVERTER_VERSION" >/dev/null
REF=$HOME/.m2/repository/tools/profiler/jfr-converter/$CONVERTER_VERSION/jfr-converter-$CONVERTER_VERSION.jar

# 1. A recording of at least MIN_MB: TLAB events with stacks on every refill of a tiny fixed-size TLAB.
REC=$WORK/bench.jfr
seconds=20
while :; do
  "$JAVA" -XX:TLABSize=2k -XX:-ResizeTLAB -Xmx512m \
    -XX:StartFlightRecording=filename="$REC",settings=profile,jdk.ObjectAllocationInNewTLAB#enabled=true,jdk.ObjectAllocationInNewTLAB#stackTrace=true,jdk.ObjectAllocationOutsideTLAB#enabled=true,jdk.ObjectAllocationSample#enabled=false \
    bench/RecordingWorkload.java "$seconds" >/dev/null 2>&1
  size_mb=$(( $(stat -c %s "$REC") / 1024 / 1024 ))
  [ "$size_mb" -ge "$MIN_MB" ] && break
  seconds=$(( seconds * (MIN_MB + 10) / (size_mb + 1) + 1 ))
  echo "recording was ${size_mb} MB; recording again for ${seconds}s" >&2
done
echo "recording: ${size_mb} MB ($REC)"

# 2. Each converter with a GC log; peak heap = the largest heap occupancy any GC saw before collecting.
peak_heap() { grep -o '[0-9]*M->[0-9]*M' "$1" | sed 's/M->.*//' | sort -n | tail -1; }
run() { # name, max heap, command...
  local name=$1 heap=$2; shift 2
  local log=$WORK/$name.gc timing=$WORK/$name.time
  /usr/bin/time -f '%e %M' -o "$timing" "$JAVA" "-Xmx$heap" -Xlog:gc:file="$log" "$@" >/dev/null
  read -r wall rss < "$timing"
  printf '%-14s wall %6.2f s   peak heap %5s MiB (max %s)   max RSS %5d MiB\n' \
    "$name" "$wall" "$(peak_heap "$log")" "$heap" "$((rss / 1024))"
}
run memprof 256m -jar "$JAR" convert --type alloc "$REC" "$WORK/memprof.pb.gz"
run jfr-converter 2g -jar "$REF" -o pprof --alloc --total --dot "$REC" "$WORK/reference.pb.gz"
# The JDK's parser alone, reading the same events and doing nothing with them: the floor under our converter.
mkdir -p "$WORK/floor" && javac -d "$WORK/floor" bench/JdkParserAlone.java
run jdk-parser 256m -cp "$WORK/floor" JdkParserAlone "$REC"
# The same total bytes from both (ours shows alloc_space by default).
if command -v go >/dev/null; then
  for f in memprof reference; do
    printf '%-14s %s\n' "$f" "$(go tool pprof -top -nodecount=1 "$WORK/$f.pb.gz" 2>/dev/null | grep -o 'Total samples = [^ ]*')"
  done
fi
