#!/usr/bin/env bash
# The class archive (AppCDS) that makes every start of officeguard's JVM faster: the classes a service loads, parsed
# and verified once, mapped from launcher/target/officeguard.jsa at each start instead of read from the jars again
# (a service reaches /health 200 on about a third less CPU; BENCHMARKS.md, "Start-up after 90 days").
#
# Sourced by ./officeguard, which calls class_archive_refresh after a build and uses CLASS_ARCHIVE_OPTS; run on its
# own (the Dockerfile does) it makes the archive. The archive is made by one training start: every service on the
# embedded broker and database with a small site, until /health answers 200, then stopped. The JVM checks that the
# archive matches the jars it starts with and ignores one that does not, so a stale archive only costs the speed-up.
# Without an archive (the training failed, say a port was taken) everything runs as before, only slower to start.

CLASS_ARCHIVE_ROOT="${CLASS_ARCHIVE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
# One archive per kind of heap: ZGC's has no compressed pointers, so the JVM maps an archive made with ZGC only into
# a ZGC heap, and one made with another collector (compressed pointers) only into such a heap.
CLASS_ARCHIVE="$CLASS_ARCHIVE_ROOT/launcher/target/officeguard.jsa"
CLASS_ARCHIVE_ZGC="$CLASS_ARCHIVE_ROOT/launcher/target/officeguard-zgc.jsa"
CLASS_ARCHIVE_JAR="$CLASS_ARCHIVE_ROOT/launcher/target/officeguard.jar"
# -Xlog:cds=off: the JVM says nothing about an archive it maps or ignores
CLASS_ARCHIVE_QUIET=(-Xlog:cds=off -Xlog:cds+dynamic=off)

# True when an archive is missing or older than the jars it was made from.
class_archive_stale() {
  local archive
  for archive in "$CLASS_ARCHIVE" "$CLASS_ARCHIVE_ZGC"; do
    [[ ! -s "$archive" || "$CLASS_ARCHIVE_JAR" -nt "$archive" ]] && return 0
    [[ -n "$(find "$CLASS_ARCHIVE_ROOT/launcher/target/lib" -newer "$archive" -print -quit 2>/dev/null)" ]] && return 0
  done
  return 1
}

# GET /health on 127.0.0.1:$1 answers 200 (bash's /dev/tcp: no curl needed).
class_archive_healthy() {
  local status
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
  read -r status <&3 || true
  exec 3<&- 3>&-
  [[ "$status" == *" 200 "* ]]
}

# Makes the archive $2 by a training start with the collector $1; quiet, and without effect when it fails.
class_archive_make() {
  local collector="$1" archive="$2" work http mqtt pid waited=0
  work="$(mktemp -d)" || return 0
  http=$((20000 + RANDOM % 20000))
  mqtt=$((40000 + RANDOM % 20000))
  cat >"$work/site.yaml" <<'YAML'
site: training
timezone: Asia/Tokyo
businessHours: {start: "07:00", end: "21:00"}
rules: {escortSeconds: 60, screenLockSeconds: 300, leaveGraceSeconds: 30, lastExitGraceSeconds: 900,
        visitorCheckoutGraceSeconds: 900, antiPassback: soft, pcAtLockup: "OFF", reorderSeconds: 5}
zones: [{id: lobby}, {id: office}]
doors: [{id: front, from: outside, to: lobby}, {id: office, from: lobby, to: office}]
people: [{badge: E001, name: Training, department: IT, zones: [lobby, office]}]
pcs: [{id: PC-01, zone: office, owner: E001}]
devices: [{id: front-in, kind: esp-rfid, topic: esprfid/front-in/send, door: front, direction: IN}]
YAML
  java "$collector" -XX:ArchiveClassesAtExit="$work/officeguard.jsa" "${CLASS_ARCHIVE_QUIET[@]}" \
    -jar "$CLASS_ARCHIVE_JAR" serve --config "$work/site.yaml" --embedded-port "$mqtt" --http-port "$http" \
    --data "$work/data" --clock event >"$work/training.log" 2>&1 &
  pid=$!
  until class_archive_healthy "$http" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || ((waited++ >= 1200)); then # gone, or not healthy within 120 s
      kill "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null || true
      rm -rf "$work"
      return 0
    fi
    sleep 0.1
  done
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true # a JVM stopped by SIGTERM exits 143; callers may run under set -e
  # written at the JVM's exit; moved into place whole, so a concurrent start never maps half an archive
  [[ -s "$work/officeguard.jsa" ]] && mv -f "$work/officeguard.jsa" "$archive"
  rm -rf "$work"
  return 0
}

# Makes the archives again when one is stale; says so, since it takes some seconds.
class_archive_refresh() {
  if class_archive_stale; then
    echo "officeguard: preparing the class archives for fast start-up (once per build) ..." >&2
    rm -f "$CLASS_ARCHIVE" "$CLASS_ARCHIVE_ZGC"
    class_archive_make -XX:+UseSerialGC "$CLASS_ARCHIVE"
    class_archive_make -XX:+UseZGC "$CLASS_ARCHIVE_ZGC"
  fi
}

# The JVM options that map the archive for the collector in the words given (JAVA_OPTS), if there is one.
CLASS_ARCHIVE_OPTS=()
class_archive_opts() {
  local archive="$CLASS_ARCHIVE"
  [[ " $* " == *" -XX:+UseZGC "* ]] && archive="$CLASS_ARCHIVE_ZGC"
  CLASS_ARCHIVE_OPTS=()
  [[ -s "$archive" ]] && CLASS_ARCHIVE_OPTS=(-XX:SharedArchiveFile="$archive" "${CLASS_ARCHIVE_QUIET[@]}")
  return 0
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  class_archive_refresh
fi
