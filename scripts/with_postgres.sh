#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL server on a local port, exported as AILAW_TEST_POSTGRES_URL.
# The server lives in a temporary directory and is stopped and removed when the command ends.
set -euo pipefail
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$BIN" ]; then
  echo "PostgreSQL is not installed (make system-deps); PostgreSQL tests will not run" >&2
  exec "$@"
fi
DIR=$(mktemp -d /tmp/ailaw-pg.XXXXXX)
PORT=${AILAW_TEST_PG_PORT:-55432}
AS=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$DIR"; AS=(runuser -u postgres --); fi
"${AS[@]}" "$BIN/initdb" -D "$DIR/data" -U ailaw --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" -l "$DIR/log" -w start >/dev/null
cleanup() { "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$DIR"; }
trap cleanup EXIT
"${AS[@]}" "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U ailaw ailaw_test
export AILAW_TEST_POSTGRES_URL="postgresql+psycopg://ailaw@127.0.0.1:$PORT/ailaw_test"
"$@"
