#!/usr/bin/env bash
# Unpacks bookworm-backports' Mosquitto (2.0.21 today) into target/mosquitto-backports, beside Debian 12's own 2.0.11,
# without installing it: the benchmark's Mosquitto run wants a broker without 2.0.11's in-flight flood
# (docs/decisions.md, "A broker that sends more than it may"), while the tests keep the installed one. Prints the
# command that starts it; target/mosquitto-backports/mosquitto takes mosquitto's own options.
#   scripts/mosquitto-backports.sh
#   target/mosquitto-backports/mosquitto -c scripts/bench-mosquitto.conf -d
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/target/mosquitto-backports"
MIRROR="http://deb.debian.org/debian"

# The pool path of a package's current version in one suite's index (each index fetched once, 2 MB).
pool_path() { # suite package
  local index="$DIR/Packages-$1"
  if [[ ! -s "$index" ]]; then
    curl -fsS "$MIRROR/dists/$1/main/binary-amd64/Packages.xz" | xz -dc >"$index.part"
    mv "$index.part" "$index"
  fi
  awk -v want="$2" '/^Package: /{p=($2==want)} p && /^Filename: / && !found {print $2; found=1}' "$index"
}

if [[ ! -x "$DIR/mosquitto" ]]; then
  mkdir -p "$DIR/debs"
  for spec in bookworm-backports:mosquitto bookworm-backports:libmosquitto1 bookworm:libwebsockets17; do
    path="$(pool_path "${spec%%:*}" "${spec#*:}")"
    [[ -n "$path" ]] || { echo "mosquitto-backports: ${spec#*:} is not in ${spec%%:*}" >&2; exit 1; }
    curl -fsS -o "$DIR/debs/$(basename "$path")" "$MIRROR/$path"
    dpkg -x "$DIR/debs/$(basename "$path")" "$DIR/root"
  done
  cat >"$DIR/mosquitto" <<WRAP
#!/usr/bin/env bash
LD_LIBRARY_PATH="$DIR/root/usr/lib/x86_64-linux-gnu" exec "$DIR/root/usr/sbin/mosquitto" "\$@"
WRAP
  chmod +x "$DIR/mosquitto"
fi
"$DIR/mosquitto" -h | head -1 || true # mosquitto -h exits non-zero
echo "$DIR/mosquitto -c $ROOT/scripts/bench-mosquitto.conf -d"
