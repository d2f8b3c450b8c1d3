#!/usr/bin/env bash
# Restores a file made by backup.sh into the database DATABASE_URL names. Restore into a
# fresh, empty database (createdb), check it, then point the app at it: all or nothing,
# in one transaction.
#   deploy/restore.sh FILE [DATABASE_URL]
set -euo pipefail
file=${1:?usage: deploy/restore.sh FILE [DATABASE_URL]}
url=${2:-${DATABASE_URL:?set DATABASE_URL or pass the database URL}}
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname "$url" "$file"
