# Sourced by ./officeguard and scripts/bench.sh with the command's arguments: sets JAVA_OPTS from
# OFFICEGUARD_JAVA_OPTS, adding a collector unless it names one (docs/decisions.md, "The JVM"):
# - Parallel GC for a JVM that a door waits on: one that runs the door-gateway (`serve` runs it unless --services
#   leaves it out; `demo` does) or the embedded broker (`serve` without --broker). Its young pauses take 1-10 ms
#   every few seconds at 500 badges/s; ZGC's pauses are shorter, but its heap is shared memory, which a kernel's
#   proactive reclaim (DAMON) walks for 10-15 ms of CPU every second on a 2-core machine, and the door's tail
#   paid for that every second (docs/decisions.md, "The JVM"; docs/benchmarks-history.md, issue 24).
# - Serial GC for a JVM that serves only the lockout-monitor, reporting and/or the device-bridge against an external
#   broker: nobody waits on their pauses (the readers the bridge serves decide by themselves), and ZGC's concurrent
#   threads took a fifth to a quarter of the monitor's and reporting's CPU (docs/benchmarks-history.md, change 16).
JAVA_OPTS="${OFFICEGUARD_JAVA_OPTS:-}"
if [[ ! "$JAVA_OPTS" =~ -XX:\+Use[A-Za-z0-9]*GC ]]; then
  _og_collector=-XX:+UseParallelGC
  if [[ "${1:-}" == serve ]]; then
    _og_services= _og_prev= _og_broker=
    for _og_arg in "$@"; do # the first --services counts, as in the launcher
      [[ -z "$_og_services" && "$_og_prev" == --services ]] && _og_services="$_og_arg"
      [[ -z "$_og_services" && "$_og_arg" == --services=* ]] && _og_services="${_og_arg#--services=}"
      [[ "$_og_arg" == --broker || "$_og_arg" == --broker=* ]] && _og_broker=yes
      _og_prev="$_og_arg"
    done
    _og_services="${_og_services:-door-gateway}"
    _og_services="${_og_services// /}"
    [[ ",$_og_services," == *,door-gateway,* || -z "$_og_broker" ]] || _og_collector=-XX:+UseSerialGC
  fi
  JAVA_OPTS="$_og_collector $JAVA_OPTS"
  unset _og_collector _og_services _og_prev _og_arg _og_broker
fi
