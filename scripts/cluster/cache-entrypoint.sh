#!/bin/sh
# The shared HTTP cache's start in its container (the Dockerfile's `cache` stage; compose.yaml's
# `cache` service): makes nginx's configuration from scripts/cluster/nginx.conf.template, then
# runs nginx in the foreground as the container's (non-root) user.
#
# The template's own settings are filled in by envsubst, restricted to the four below, so that
# nginx's variables ($host, $request_uri, …) are left as they are:
#   FACTDESK_NGINX_LISTEN       what nginx listens on, e.g. 8080 (a port above 1023: no root)
#   FACTDESK_NGINX_UPSTREAMS    the app instances, as upstream lines, e.g.
#                               "server app1:3000 max_fails=1 fail_timeout=2s; server app2:3000 …;"
#   FACTDESK_NGINX_STATE        a directory this user may write: pid file, temp files, the cache
#   FACTDESK_NGINX_PURGE_FROM   the address or CIDR range whose purges (refreshes) nginx honours:
#                               the instances'
# Optional: FACTDESK_NGINX_TEMPLATE (the template's path in the image) and FACTDESK_NGINX_CONF
# (where the configuration is written; a file this user may write).
set -eu

: "${FACTDESK_NGINX_LISTEN:?must be set: what nginx listens on, such as 8080}"
: "${FACTDESK_NGINX_UPSTREAMS:?must be set: the instances, such as server app1:3000; server app2:3000;}"
: "${FACTDESK_NGINX_STATE:?must be set: a directory for the pid file, temp files and the cache}"
: "${FACTDESK_NGINX_PURGE_FROM:?must be set: the address or CIDR range allowed to purge}"

template="${FACTDESK_NGINX_TEMPLATE:-/etc/nginx/factdesk/nginx.conf.template}"
# In /etc/nginx, so that a relative `include mime.types;` in the template finds Debian's file
# (nginx resolves relative includes against the directory of the configuration file).
conf="${FACTDESK_NGINX_CONF:-/etc/nginx/factdesk.conf}"

mkdir -p "$FACTDESK_NGINX_STATE"
# The template logs errors to error.log in the state directory: in a container, to its output.
ln -sf /dev/stderr "$FACTDESK_NGINX_STATE/error.log"
# Single quotes on purpose: envsubst is given the names (only these are replaced), not values.
# shellcheck disable=SC2016
only='${FACTDESK_NGINX_LISTEN} ${FACTDESK_NGINX_UPSTREAMS} ${FACTDESK_NGINX_STATE}'
only="$only"' ${FACTDESK_NGINX_PURGE_FROM}'
envsubst "$only" <"$template" >"$conf"

# In the foreground, so that the container's stop signal reaches nginx itself. The template may
# say `daemon off;` itself: nginx refuses a directive given twice.
if grep -Eq '^[[:space:]]*daemon[[:space:]]' "$conf"; then
  exec nginx -e stderr -c "$conf"
fi
exec nginx -e stderr -c "$conf" -g 'daemon off;'
