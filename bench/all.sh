#!/usr/bin/env bash
# Every figure of the allocation-sampling issue, in one command, on each JDK in JDKS: start-up (time to main and a
# short program), the cost of one sample (bench/sample-cost.sh), attaching to a live H2 service, and steady-state
# overhead on every workload (5 interleaved pairs each). About 45 minutes per JDK on 2 cores; run it on an otherwise
# idle machine. The output goes to the terminal and to bench/target/all-<UTC time>.txt.
#
#   bench/all.sh
#   JDKS="/usr/lib/jvm/java-17-openjdk-amd64" REPS=3 bench/all.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JDKS=(${JDKS:-/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64})
mkdir -p bench/target
LOG=bench/target/all-$(date -u +%Y%m%dT%H%M%SZ).txt
mvn -B -q -pl agent package -DskipTests
mvn -B -q -Pbench -pl bench package
{
  for jdk in "${JDKS[@]}"; do
    echo "=== $jdk"
    export JAVA_HOME=$jdk SKIP_BUILD=1
    echo "--- start-up"; bench/startup.sh "${STARTUP_RUNS:-10}"
    if [[ -x bench/sample-cost.sh ]]; then echo "--- one sample"; bench/sample-cost.sh; fi
    echo "--- attach to a live H2 service"; bench/attach.sh
    echo "--- steady state"; bench/steady.sh
  done
} 2>&1 | tee "$LOG"
echo "written to $LOG"
