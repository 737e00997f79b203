#!/usr/bin/env bash
# Install (Debian's package) and start a throw-away PostgreSQL server on loopback for the test suite.
# Prints the URL to use as PASSERELLES_TEST_POSTGRES_URL.
set -euo pipefail
PORT=${PASSERELLES_TEST_POSTGRES_PORT:-55432}
DIR=${PASSERELLES_TEST_POSTGRES_DIR:-/tmp/passerelles-pg}
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")
# postgres refuses to run as root: the cluster belongs to the "postgres" system user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! as_pg "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  rm -rf "$DIR"; mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  as_pg "$BIN/initdb" -D "$DIR" -A trust -U passerelles >/dev/null
  as_pg "$BIN/pg_ctl" -D "$DIR" -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1" -l "$DIR/server.log" -w start >/dev/null
  as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U passerelles passerelles_test
fi
echo "postgresql+psycopg://passerelles@127.0.0.1:$PORT/passerelles_test"
