#!/bin/sh
# Least privilege in Docker, run once by the postgres image on a new volume
# (mounted into /docker-entrypoint-initdb.d by docker-compose.<env>.yml).
#
# The image makes POSTGRES_USER its superuser; the compose file sets that to
# `postgres`, the administrative role. This makes the application role of the
# env file (DBKIT_OWNER, with POSTGRES_PASSWORD, which the compose file takes from
# RECRUITS_<ENV>_PASSWORD, i.e. .pgdata/<env>/app-password): it owns its
# database and the public schema and is no superuser. The superuser's
# password is then removed, so it is reachable only from inside the container
# (`docker compose -f docker-compose.<env>.yml exec db psql -U postgres`).
set -eu
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v owner="$DBKIT_OWNER" -v database="$DBKIT_OWNER_DB" -v password="$POSTGRES_PASSWORD" <<'SQL'
CREATE ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"owner";
COMMENT ON DATABASE :"database" IS 'dbkit: made by docker-entrypoint-initdb.d';
\connect :"database"
ALTER SCHEMA public OWNER TO :"owner";
ALTER ROLE CURRENT_USER PASSWORD NULL;
SQL
