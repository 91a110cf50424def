#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing (from Debian's packages), then
# runs every test of every module. `.ci/run` calls exactly this.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

missing=()
command -v mosquitto >/dev/null 2>&1 || [[ -x /usr/sbin/mosquitto ]] || missing+=(mosquitto mosquitto-clients)
compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/bin/docker-compose ]] || missing+=(docker-compose)
[[ -x /usr/bin/pdftotext ]] || missing+=(poppler-utils)
# promtool checks GET /metrics in Prometheus's own text format
[[ -x /usr/bin/promtool ]] || missing+=(prometheus)
# the report e-mail is tested against a real SMTP server: Debian's aiosmtpd (its python3, not another on the PATH)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
# the HTML report is read in Japanese: without CJK fonts Chromium draws boxes
compgen -G "/usr/share/fonts/opentype/noto/NotoSansCJK*" >/dev/null || missing+=(fonts-noto-cjk)

if ((${#missing[@]})); then
  echo "test: installing ${missing[*]} ..."
  SUDO=""
  [[ "$(id -u)" -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cd "$ROOT"
source "$ROOT/scripts/mvn.sh"
exec "$MVN" -B verify "$@"
