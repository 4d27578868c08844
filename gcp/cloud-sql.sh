#!/usr/bin/env bash
# Cloud SQL for PostgreSQL (pinned major version, private IP only), the database, its user, and two secrets in
# Secret Manager: the generated password and the DATABASE_URL the services read. The password is generated
# into a private temporary directory and travels only through files (Secret Manager --data-file, the Cloud SQL
# Admin API body): it is never printed and never on a command line (D-27: the original put it in its README).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
parse_args "$@"
make_private_dir

readonly SQLADMIN="https://sqladmin.googleapis.com/v1/projects/$PROJECT/instances/$SQL_INSTANCE/users"

# 32 characters from [A-Za-z0-9]: no character needs escaping in a URL or JSON.
generate_password() { LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32 >"$1"; }
# printf is a shell builtin: the password never becomes a process argument.
write_user_body() { printf '{"name":"%s","password":"%s"}' "$DB_USER" "$(<"$1")" >"$2"; }
write_auth_header() { printf 'Authorization: Bearer %s\n' "$(gcloud auth print-access-token)" >"$1"; }
write_database_url() { printf 'postgresql://%s:%s@%s:5432/%s' "$DB_USER" "$(<"$1")" "$2" "$DB_NAME" >"$3"; }

# store_secret NAME FILE: creates the secret, or adds a version when its latest value differs from FILE.
store_secret() {
  local name="$1" file="$2"
  if exists gcloud secrets describe "$name" --project "$PROJECT"; then
    run gcloud secrets versions access latest --secret "$name" --project "$PROJECT" --out-file "$PRIVATE_DIR/current"
    if [[ "$DRY_RUN" != 1 ]] && cmp -s "$file" "$PRIVATE_DIR/current"; then say "unchanged: secret $name"; return 0; fi
    run gcloud secrets versions add "$name" --data-file "$file" --project "$PROJECT"
  else
    run gcloud secrets create "$name" --replication-policy automatic --data-file "$file" --project "$PROJECT"
  fi
}

say "instance $SQL_INSTANCE ($SQL_VERSION, private IP on $NETWORK)"
ensure gcloud sql instances describe "$SQL_INSTANCE" --project "$PROJECT" -- \
  gcloud sql instances create "$SQL_INSTANCE" --project "$PROJECT" --region "$REGION" \
  --database-version "$SQL_VERSION" --edition enterprise --tier "$SQL_TIER" \
  --network "projects/$PROJECT/global/networks/$NETWORK" --no-assign-ip \
  --storage-auto-increase --availability-type zonal --backup-start-time 03:00 --deletion-protection
ensure gcloud sql databases describe "$DB_NAME" --instance "$SQL_INSTANCE" --project "$PROJECT" -- \
  gcloud sql databases create "$DB_NAME" --instance "$SQL_INSTANCE" --project "$PROJECT"

say "password of $DB_USER (Secret Manager: $SECRET_DB_PASSWORD)"
if exists gcloud secrets describe "$SECRET_DB_PASSWORD" --project "$PROJECT"; then
  run gcloud secrets versions access latest --secret "$SECRET_DB_PASSWORD" --project "$PROJECT" \
    --out-file "$PRIVATE_DIR/password"
else
  run generate_password "$PRIVATE_DIR/password"
  run gcloud secrets create "$SECRET_DB_PASSWORD" --replication-policy automatic \
    --data-file "$PRIVATE_DIR/password" --project "$PROJECT"
fi

say "user $DB_USER, through the Cloud SQL Admin API with the password in a request body file"
run write_user_body "$PRIVATE_DIR/password" "$PRIVATE_DIR/user.json"
run write_auth_header "$PRIVATE_DIR/auth"
users="$(lookup "" gcloud sql users list --instance "$SQL_INSTANCE" --project "$PROJECT" --format 'value(name)')"
if grep -qx "$DB_USER" <<<"$users"; then
  run curl -sSf -X PUT -H "@$PRIVATE_DIR/auth" -H 'Content-Type: application/json' \
    --data-binary "@$PRIVATE_DIR/user.json" "$SQLADMIN?name=$DB_USER" -o /dev/null
else
  run curl -sSf -X POST -H "@$PRIVATE_DIR/auth" -H 'Content-Type: application/json' \
    --data-binary "@$PRIVATE_DIR/user.json" "$SQLADMIN" -o /dev/null
fi

say "DATABASE_URL (Secret Manager: $SECRET_DATABASE_URL)"
address="$(lookup dry-run-sql-ip gcloud sql instances describe "$SQL_INSTANCE" --project "$PROJECT" \
  --format 'value(ipAddresses[0].ipAddress)')"
run write_database_url "$PRIVATE_DIR/password" "$address" "$PRIVATE_DIR/database-url"
store_secret "$SECRET_DATABASE_URL" "$PRIVATE_DIR/database-url"
