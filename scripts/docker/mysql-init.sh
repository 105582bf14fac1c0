#!/bin/bash
# MySQL first-start init for docker-compose.yml: one database and one
# least-privilege user per organisation (docs/architecture.md section 4).
#
# The mysql image runs (or sources) every *.sh in /docker-entrypoint-initdb.d
# ONLY when its data directory is empty, i.e. on the very first start of the
# `mysql-data` volume. Changing a *_DB_PASSWORD later does not change the user's
# password: either `docker compose down -v` (drops all data) or run
#   ALTER USER '<org>'@'%' IDENTIFIED BY '<new password>';
# as root. If this script fails half-way, remove the volume before retrying:
# the image does not re-run init scripts on a non-empty data directory.
#
# Passwords come from the environment of the mysql container (see the
# compose file); each one must be set. Each user gets DML plus the DDL the
# TypeORM migrations need, on its own database only; no global privileges.

# (--defaults-extra-file must come first on mysql's command line.)
# Runs in a subshell so that `set -u` and the helpers do not leak into the
# image's entrypoint when it sources this file instead of executing it.
(
  set -euo pipefail

  # Doubles backslashes and single quotes so a password is a safe SQL string literal.
  sql_string() {
    local value=${1//\\/\\\\}
    printf "'%s'" "${value//\'/\'\'}"
  }

  organisation() {
    local name=$1 password
    password=$(sql_string "$2")
    cat <<SQL
CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '${name}'@'%' IDENTIFIED BY ${password};
ALTER USER '${name}'@'%' IDENTIFIED BY ${password};
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES, TRIGGER ON \`${name}\`.* TO '${name}'@'%';
SQL
  }

  # ORGANISATIONS (space-separated) comes from docker-compose.yml, which npm run compose
  # writes from the provider registry; each has its <NAME>_DB_PASSWORD.
  : "${ORGANISATIONS:?ORGANISATIONS must be set for the mysql container}"
  {
    for name in ${ORGANISATIONS}; do
      variable="$(printf '%s' "$name" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
      organisation "$name" "${!variable:?${variable} must be set for the mysql container}"
    done
  } | mysql --defaults-extra-file=<(printf '[client]\npassword="%s"\n' "${MYSQL_ROOT_PASSWORD:?MYSQL_ROOT_PASSWORD must be set}") \
        --protocol=socket -uroot
  echo "mysql-init: databases and users created for ${ORGANISATIONS}"
)
