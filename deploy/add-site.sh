#!/usr/bin/env bash
# Adds a site to the many-site deployment (README, "Many sites"): one command per new site.
#
#   BRIDGE_PASSWORD=$(openssl rand -hex 24) deploy/add-site.sh SITE CENTRAL_HOST
#
# From the templates beside it, it writes
#   deploy/site/SITE/bridge.conf  the site's bridge to CENTRAL_HOST:8883 as user bridge-SITE (holds the password:
#                                 mode 600, not committed)
#   deploy/site/SITE/acl          the site's Mosquitto ACL, every user held to office/SITE/...
# and, once per site,
#   deploy/central/acl                 gets the block of the user bridge-SITE (only office/SITE/... topics)
#   deploy/central/docker-compose.yml  gets "--config /config/SITE.yaml" in reporting's command
# Then it prints what is left to do by hand: the bridge user's password at the centre, the certificates.
# It works on the deploy folder it lies in, so a copy of that folder (as the tests make) is changed, not the original.
set -euo pipefail

usage="usage: BRIDGE_PASSWORD=... $0 SITE CENTRAL_HOST"
site=${1:?$usage}
central_host=${2:?$usage}
deploy=$(cd "$(dirname "$0")" && pwd)

# The site is a topic level and a file name; the host and the password go into sed and Mosquitto's configuration,
# which splits at spaces.
[[ $site =~ ^[a-z0-9][a-z0-9_-]*$ ]] || { echo "SITE must be lower-case letters, digits, - and _: '$site'" >&2; exit 2; }
password=${BRIDGE_PASSWORD:?$usage (the password of the user bridge-$site; e.g. openssl rand -hex 24)}
[[ $central_host =~ ^[A-Za-z0-9.:-]+$ ]] || { echo "CENTRAL_HOST must be a host name or address: '$central_host'" >&2; exit 2; }
[[ $password =~ ^[A-Za-z0-9._~-]{12,}$ ]] || { echo "BRIDGE_PASSWORD: at least 12 of A-Z a-z 0-9 . _ ~ -" >&2; exit 2; }

fill() {
    sed -e "s/@SITE@/$site/g" -e "s/@CENTRAL_HOST@/$central_host/g" -e "s/@BRIDGE_PASSWORD@/$password/g" "$1"
}

mkdir -p "$deploy/site/$site/certs"
(umask 077 && fill "$deploy/site/bridge.conf.template" > "$deploy/site/$site/bridge.conf")
fill "$deploy/site/acl.template" > "$deploy/site/$site/acl"

if ! grep -q "^user bridge-$site\$" "$deploy/central/acl"; then
    fill "$deploy/central/acl-site.template" >> "$deploy/central/acl"
fi
compose="$deploy/central/docker-compose.yml"
if ! grep -q -- "- /config/$site.yaml\$" "$compose"; then
    sed -i "/# deploy\/add-site.sh adds each site's file above this line/i\\      - --config\\n      - /config/$site.yaml" "$compose"
fi

cat <<DONE
Site $site: wrote $deploy/site/$site/bridge.conf and acl; deploy/central/acl and docker-compose.yml name it.
Left to do (README, "Many sites"):
  at the centre:  mosquitto_passwd -b deploy/central/passwd bridge-$site "\$BRIDGE_PASSWORD", then restart its mosquitto
  at the site:    deploy/site/$site/certs/: central-ca.pem (the centre's CA), ca.pem, server.pem, server.key (the site's)
                  deploy/site/$site/passwd (mosquitto_passwd: officeguard and the site's devices)
                  deploy/config/$site.yaml (the site file), then: SITE=$site docker-compose -f deploy/site/docker-compose.yml up -d
DONE
