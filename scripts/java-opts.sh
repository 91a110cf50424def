# Sourced by ./officeguard and scripts/bench.sh: sets JAVA_OPTS from OFFICEGUARD_JAVA_OPTS, adding ZGC unless it
# names a collector. A door waits for the gateway's answer, and ZGC's pauses stay under a millisecond where G1's
# young pauses took 8-30 ms on a 2-core machine (docs/decisions.md, "The JVM"; BENCHMARKS.md, change 9).
JAVA_OPTS="${OFFICEGUARD_JAVA_OPTS:-}"
[[ "$JAVA_OPTS" =~ -XX:\+Use[A-Za-z0-9]*GC ]] || JAVA_OPTS="-XX:+UseZGC $JAVA_OPTS"
