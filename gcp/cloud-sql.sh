#!/usr/bin/env bash
# Cloud SQL for PostgreSQL (pinned major version, private IP only, encrypted connections only), the database, its
# administrator `alpes`, and in Secret Manager: every password, a DATABASE_URL per role, and the server's CA. The
# passwords are generated into a private temporary directory and travel only through files (Secret Manager
# --data-file, the Cloud SQL Admin API body): never printed, never on a command line (D-27: the original put it in
# its README). Each process connects with a role of its own (issue 19), made by the database roles job that
# cloud-run.sh runs; the administrator's URL is read by that job only.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
parse_args "$@"
make_private_dir

readonly SQLADMIN="https://sqladmin.googleapis.com/v1/projects/$PROJECT/instances/$SQL_INSTANCE/users"

# printf is a shell builtin: the password never becomes a process argument.
write_user_body() { printf '{"name":"%s","password":"%s"}' "$DB_USER" "$(<"$1")" >"$2"; }
write_auth_header() { printf 'Authorization: Bearer %s\n' "$(gcloud auth print-access-token)" >"$1"; }

# ensure_password SECRET FILE: the password kept in SECRET into FILE, generated (and stored) the first time.
ensure_password() {
  if exists gcloud secrets describe "$1" --project "$PROJECT"; then
    run gcloud secrets versions access latest --secret "$1" --project "$PROJECT" --out-file "$2"
  else
    run generate_password "$2"
    run gcloud secrets create "$1" --replication-policy automatic --data-file "$2" --project "$PROJECT"
  fi
}

say "instance $SQL_INSTANCE ($SQL_VERSION, private IP on $NETWORK, encrypted connections only)"
ensure gcloud sql instances describe "$SQL_INSTANCE" --project "$PROJECT" -- \
  gcloud sql instances create "$SQL_INSTANCE" --project "$PROJECT" --region "$REGION" \
  --database-version "$SQL_VERSION" --edition enterprise --tier "$SQL_TIER" \
  --network "projects/$PROJECT/global/networks/$NETWORK" --no-assign-ip --ssl-mode ENCRYPTED_ONLY \
  --storage-auto-increase --availability-type zonal --backup-start-time 03:00 --deletion-protection
ensure gcloud sql databases describe "$DB_NAME" --instance "$SQL_INSTANCE" --project "$PROJECT" -- \
  gcloud sql databases create "$DB_NAME" --instance "$SQL_INSTANCE" --project "$PROJECT"

say "password of $DB_USER (Secret Manager: $SECRET_DB_PASSWORD)"
ensure_password "$SECRET_DB_PASSWORD" "$PRIVATE_DIR/password"

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

say "the server's CA (Secret Manager: $SECRET_SQL_SERVER_CA), mounted at $SQL_SERVER_CA_FILE in every process"
lookup "dry-run-server-ca" gcloud sql instances describe "$SQL_INSTANCE" --project "$PROJECT" \
  --format 'value(serverCaCert.cert)' >"$PRIVATE_DIR/server-ca.pem"
store_secret "$SECRET_SQL_SERVER_CA" "$PRIVATE_DIR/server-ca.pem"

address="$(lookup dry-run-sql-ip gcloud sql instances describe "$SQL_INSTANCE" --project "$PROJECT" \
  --format 'value(ipAddresses[0].ipAddress)')"
say "DATABASE_URL of $DB_USER (Secret Manager: $SECRET_DATABASE_URL; the roles job's only)"
run write_database_url "$DB_USER" "$PRIVATE_DIR/password" "$address" "$PRIVATE_DIR/database-url"
store_secret "$SECRET_DATABASE_URL" "$PRIVATE_DIR/database-url"
for role in "${ROLES[@]}"; do
  say "role alpes_$role: password ($(db_password_secret "$role")) and DATABASE_URL ($(database_url_secret "$role"))"
  ensure_password "$(db_password_secret "$role")" "$PRIVATE_DIR/password-$role"
  run write_database_url "alpes_$role" "$PRIVATE_DIR/password-$role" "$address" "$PRIVATE_DIR/database-url-$role"
  store_secret "$(database_url_secret "$role")" "$PRIVATE_DIR/database-url-$role"
done
