#!/usr/bin/env bash
# A local PostgreSQL for the debate store's tests, on a fresh Debian machine too.
#
#   eval "$(scripts/postgres-test-setup.sh)"    # then: python -m pytest
#
# Installs Debian's `postgresql` when it is missing, starts the newest cluster with
# pg_ctlcluster (initdb and pg_ctl refuse to run as root), creates or updates a
# login role `odd17` with CREATEDB (the tests create and drop their own randomly
# named database), and prints `export ODD17_TEST_PG_URL=...` on stdout. Progress
# goes to stderr. Idempotent: run it as often as you like. Needs root or sudo.
set -euo pipefail

ROLE=odd17
PORT_DEFAULT=5432
log() { echo "postgres-test-setup: $*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { as_root su postgres -s /bin/sh -c "$1"; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >&2
  as_root apt-get install -y -qq postgresql >&2
fi

VERSION="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$VERSION" ]; then
  VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  log "creating cluster $VERSION/main"
  as_root pg_createcluster "$VERSION" main >&2
fi
PORT="$(pg_lsclusters --no-header | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $3}')"
PORT="${PORT:-$PORT_DEFAULT}"

if ! pg_lsclusters --no-header | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  log "starting PostgreSQL $VERSION (port $PORT)"
  as_root pg_ctlcluster --skip-systemctl-redirect "$VERSION" main start >&2
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$PORT" || { log "PostgreSQL does not answer on 127.0.0.1:$PORT"; exit 1; }

# A random password made on the first run and kept outside the repository, so that
# a second run (another shell, CI step) does not cut off tests already connected.
STATE="${ODD17_STATE_DIR:-$HOME/.local/state/odd17}"
mkdir -p "$STATE"
if [ ! -s "$STATE/postgres-test-password" ]; then
  (umask 077; head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$STATE/postgres-test-password")
fi
PASSWORD="$(cat "$STATE/postgres-test-password")"
as_postgres "psql -q -p $PORT -v ON_ERROR_STOP=1" >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB;
  END IF;
END
\$\$;
ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
SQL
log "role $ROLE ready on 127.0.0.1:$PORT"
echo "export ODD17_TEST_PG_URL=postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/postgres"
