#!/usr/bin/env bash
# Builds the bench module (and what it needs) without tests and runs the benchmark:
#   scripts/bench.sh [--broker tcp://127.0.0.1:1883] [--out target/bench.json] [--quick] [--people N] ...
# Without --broker it uses an embedded HiveMQ CE broker. `mvn verify` runs it only in small (BenchSmokeTest).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
source scripts/mvn.sh
MVN=("$MVN" -q -B -Dstyle.color=never)
"${MVN[@]}" -o -DskipTests -pl bench -am install >/dev/null 2>&1 || "${MVN[@]}" -DskipTests -pl bench -am install
"${MVN[@]}" -o -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null 2>&1 \
  || "${MVN[@]}" -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
# the services it starts as their own JVMs start as ./officeguard starts them: with the class archives of this build
source scripts/class-archive.sh
class_archive_refresh
echo "machine: $(nproc) cores; $(free -h | awk '/^Mem:/ {print $2 " RAM, " $7 " available"}'); $(uptime)"
# The collector ./officeguard gives the services (scripts/java-opts.sh): the gateway and the broker run in this
# JVM, and the services it starts as their own JVMs get the same collector.
source scripts/java-opts.sh
# shellcheck disable=SC2086 # the options are words
# The bench JVM's collections go beside the JSON (target/bench.gc.log for target/bench.json), so that a stall in the
# latency rows can be set against them.
OUT=target/bench.json
_prev=
for _arg in "$@"; do
  [[ "$_prev" == --out ]] && OUT="$_arg"
  [[ "$_arg" == --out=* ]] && OUT="${_arg#--out=}"
  _prev="$_arg"
done
GC_LOG="${OUT%.json}.gc.log"
mkdir -p "$(dirname "$GC_LOG")"
echo "collections of the bench JVM: $GC_LOG"
exec java -Xmx1g $JAVA_OPTS "-Xlog:gc:file=$GC_LOG:utctime" -cp "$CP" org.officeguard.bench.Bench "$@"
