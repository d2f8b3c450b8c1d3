#!/usr/bin/env bash
# Backs up the PostgreSQL database DATABASE_URL names into one file in pg_dump's custom
# format (compressed; restore.sh puts it back). Prints the file's name.
#   deploy/backup.sh [DATABASE_URL] [FILE]
set -euo pipefail
url=${1:-${DATABASE_URL:?set DATABASE_URL or pass the database URL}}
file=${2:-careerplanner-$(date -u +%Y%m%dT%H%M%SZ).dump}
pg_dump --format=custom --no-owner --no-privileges --file "$file" "$url"
pg_restore --list "$file" >/dev/null  # a file pg_restore cannot read is no backup
echo "$file"
