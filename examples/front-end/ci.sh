#!/usr/bin/env bash
# Build this front end against the running example site, serve it, and open in
# Chromium the preview of an unpublished Japanese change
# (tests/browser/test_headless_front_end.py). What CI's "front end" leg runs.
set -euo pipefail
cd "$(dirname "$0")"
REPO=$(cd ../.. && pwd)
PY="$REPO/.venv/bin/python"
API_PORT=${API_PORT:-8765}
FRONT_PORT=${FRONT_PORT:-4321}
WORK=$(mktemp -d /tmp/rengo-front-end.XXXXXX)
SERVERS=()
trap 'kill "${SERVERS[@]}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

export DATABASE_URL="sqlite:///$WORK/db.sqlite3" PYTHONPATH="$REPO:$PWD"
export DJANGO_SETTINGS_MODULE=example_settings FRONT_END_URL="http://127.0.0.1:$FRONT_PORT"
"$PY" "$REPO/manage.py" migrate --noinput >/dev/null
"$PY" "$REPO/manage.py" setup_demo --port "$API_PORT" >/dev/null
"$PY" "$REPO/manage.py" runserver "127.0.0.1:$API_PORT" --noreload >"$WORK/server.log" 2>&1 &
SERVERS+=($!)
API="http://127.0.0.1:$API_PORT/api/v2/pages"
up() { "$PY" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)" "$API/openapi.json" 2>/dev/null; }
for _ in $(seq 60); do up && break; sleep 1; done
up || { cat "$WORK/server.log"; exit 1; }

npm ci --no-audit --no-fund --loglevel=error
export ASTRO_TELEMETRY_DISABLED=1 RENGO_API="$API"
npm run --silent types
npm run --silent check
npm run --silent build >"$WORK/build.log" || { cat "$WORK/build.log"; exit 1; }

"$PY" -m http.server "$FRONT_PORT" --bind 127.0.0.1 --directory dist >/dev/null 2>&1 &
SERVERS+=($!)
env -u DJANGO_SETTINGS_MODULE -u DATABASE_URL -u PYTHONPATH \
  RENGO_FRONT_END="$FRONT_END_URL" RENGO_EXAMPLE_SITE="http://127.0.0.1:$API_PORT" \
  "$PY" -m pytest "$REPO/tests/browser/test_headless_front_end.py" -q -p no:cacheprovider
