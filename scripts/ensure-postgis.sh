#!/usr/bin/env bash
# Make sure PostgreSQL is running and has what the tests need:
#   - a login role  itpark/itpark (CREATEDB, not a superuser),
#   - a database    itpark          with PostGIS, owned by that role,
#   - a template    itpark_template with PostGIS, from which Django makes its
#     test databases (CREATE EXTENSION postgis needs a superuser; cloning a
#     template that has it does not).
# Admin steps run as the postgres OS user, so this works whatever the auth
# method for TCP (trust, md5, scram): the role gets a password either way.
# Idempotent. Needs root (or sudo) for runuser and for starting the cluster.
set -euo pipefail

role=${ITPARK_DB_USER:-itpark}
password=${ITPARK_DB_PASSWORD:-itpark}
db=${ITPARK_DB_NAME:-itpark}
template=${db}_template

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
psql_admin() { as_postgres psql -v ON_ERROR_STOP=1 -qtAX "$@"; }

# 1. A running cluster: create one if the machine has none, start it if it is down.
if ! pg_lsclusters -h | grep -q .; then
    major=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
    echo "Creating PostgreSQL $major cluster"
    pg_createcluster "$major" main
fi
pg_lsclusters -h | while read -r version cluster _port status _rest; do
    if [ "$status" != "online" ]; then
        echo "Starting PostgreSQL cluster $version/$cluster"
        pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start
    fi
done
for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 && break
    sleep 1
done
pg_isready -h 127.0.0.1

# 2. Role, database, template.
psql_admin -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
  ELSE
    ALTER ROLE $role LOGIN CREATEDB PASSWORD '$password';
  END IF;
END \$\$;"

for name in "$db" "$template"; do
    if [ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$name'")" ]; then
        echo "Creating database $name"
        psql_admin -c "CREATE DATABASE $name OWNER $role"
    fi
    psql_admin -d "$name" -c "CREATE EXTENSION IF NOT EXISTS postgis"
done
psql_admin -c "ALTER DATABASE $template IS_TEMPLATE true"

# 3. The role can log in over TCP, as the tests do.
PGPASSWORD=$password psql -qtAX -h 127.0.0.1 -U "$role" -d "$db" -c "SELECT postgis_lib_version()" >/dev/null
echo "PostGIS ready: postgis://$role:***@127.0.0.1:5432/$db (test template: $template)"
