#!/bin/sh
# Run by the postgres image at its first start only (empty data volume): Rasa's conversations get their own
# role and database, so that Rasa cannot read the engine's store.
set -eu

psql --set ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    --set password="$RASA_TRACKER_PASSWORD" <<'SQL'
CREATE ROLE rasa LOGIN PASSWORD :'password';
CREATE DATABASE rasa OWNER rasa;
SQL
