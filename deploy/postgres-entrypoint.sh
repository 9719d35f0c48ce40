#!/bin/sh
# First start: a cluster whose only role is POSTGRES_USER, with POSTGRES_PASSWORD over TCP (scram; the
# socket inside the container trusts), and POSTGRES_DB. Later starts find the cluster in the volume and only run the server.
set -eu
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
user=${POSTGRES_USER:-haven}
db=${POSTGRES_DB:-$user}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s' "$POSTGRES_PASSWORD" > "$pwfile"
  "$bin/initdb" -D "$PGDATA" -U "$user" --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 > /dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  "$bin/pg_ctl" -D "$PGDATA" -o "-c listen_addresses=''" -w -s start
  "$bin/createdb" -h /var/run/postgresql -U "$user" "$db"
  "$bin/pg_ctl" -D "$PGDATA" -m fast -w -s stop
fi
exec "$bin/postgres" -D "$PGDATA" -c listen_addresses='*'
