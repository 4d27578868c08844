#!/usr/bin/env bash
# Shared by every gcp/*.sh script: flags, pinned versions, names, and the run/exists/lookup helpers that make
# each step idempotent (describe, then create only what is missing) and printable (--dry-run).
# shellcheck disable=SC2034  # the constants are used by the scripts that source this file

set -euo pipefail

# Pinned versions (D-28: nothing floats).
readonly PULSAR_IMAGE="apachepulsar/pulsar:4.0.7"
readonly VM_IMAGE_FAMILY="${VM_IMAGE_FAMILY:-cos-121-lts}"   # Container-Optimized OS LTS milestone: Docker built in
readonly VM_IMAGE_PROJECT="cos-cloud"
readonly SQL_VERSION="POSTGRES_17"

# Names and sizes.
# A network of our own: the project's `default` network comes with `default-allow-internal`, which admits every
# VM of the project to every port (6650 and 8080 included) whatever our own rules say.
readonly NETWORK="${NETWORK:-alpes-vpc}"
readonly SUBNET="alpes-subnet"
readonly SUBNET_RANGE="${SUBNET_RANGE:-10.10.0.0/24}"
readonly CONNECTOR="alpes-connector"
readonly CONNECTOR_RANGE="${CONNECTOR_RANGE:-10.8.0.0/28}"
readonly PEERING_RANGE="alpes-google-services"
readonly ROUTER="alpes-router"
readonly NAT="alpes-nat"
readonly VM_NAME="alpes-pulsar"
readonly VM_ADDRESS="alpes-pulsar-ip"
readonly VM_TAG="pulsar-server"
readonly VM_MACHINE_TYPE="${VM_MACHINE_TYPE:-e2-standard-2}"
readonly FIREWALL_RULE="alpes-connector-to-pulsar"
# Pulsar speaks TLS only (issue 19): these two ports are published; the plaintext ones stay inside the container.
readonly PULSAR_TLS_PORT=6651
readonly PULSAR_ADMIN_TLS_PORT=8443
readonly PULSAR_ADMIN_ROLE="alpes-admin"
readonly SECRET_PULSAR_CA="alpes-pulsar-ca"
readonly SECRET_PULSAR_BROKER_CERT="alpes-pulsar-broker-cert"
readonly SECRET_PULSAR_BROKER_KEY="alpes-pulsar-broker-key"
readonly SECRET_PULSAR_TOKEN_PUBLIC_KEY="alpes-pulsar-token-public-key"
readonly SECRET_PULSAR_TOKEN_SIGNING_KEY="alpes-pulsar-token-signing-key"
readonly SECRET_PULSAR_ADMIN_TOKEN="alpes-pulsar-token-admin"
readonly VM_ACCOUNT="alpes-pulsar"
readonly SQL_INSTANCE="alpes-postgres"
readonly SQL_TIER="${SQL_TIER:-db-custom-1-3840}"
readonly DB_NAME="alpespartners_dijs"
readonly DB_USER="alpes"
# The administrator's password and URL: read only by the database roles job (cloud-run.sh).
readonly SECRET_DB_PASSWORD="alpes-db-password"
readonly SECRET_DATABASE_URL="alpes-database-url"
# Cloud SQL's server CA: the processes verify the server with it (sslmode=require + sslrootcert).
readonly SECRET_SQL_SERVER_CA="alpes-sql-server-ca"
readonly SQL_SERVER_CA_FILE="/etc/alpes/sql/server-ca.pem"
readonly PULSAR_CA_FILE="/etc/alpes/pulsar/ca.pem"
readonly ROLES_JOB="alpes-db-roles"
# The BFF's signing secret (registrants' capability tokens) and the operators' bearer token (issue 16).
readonly SECRET_BFF="alpes-bff-secret"
readonly SECRET_OPERATOR_TOKEN="alpes-operator-token"
readonly REPOSITORY="alpes"
readonly IMAGE_NAME="alpes-partners"
# One service account per process (alpes-<process>@…), one Pulsar role and one database role (alpes_<role>) each.
readonly PROCESSES=(influencers campanas contratos saga outbox-relay bff)
# The roles, named as the processes (the relay's process is outbox-relay); the BFF too has a database role: its
# registrations ledger (issue 16) lives in the database.
readonly ROLES=(influencers campanas contratos saga bff relay)

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROJECT="${GCP_PROJECT:-}"
REGION="${GCP_REGION:-}"
ZONE="${GCP_ZONE:-}"
DRY_RUN="${DRY_RUN:-0}"

usage() {
  cat <<USAGE
Usage: $(basename "$0") --project PROJECT --region REGION [--zone ZONE] [--dry-run]

  --project   Google Cloud project id (env GCP_PROJECT)
  --region    region for every regional resource, e.g. us-central1 (env GCP_REGION)
  --zone      zone of the Pulsar VM (env GCP_ZONE; default REGION-a)
  --dry-run   print every gcloud command (+ acts, ? looks) instead of running it (env DRY_RUN=1)
USAGE
}

parse_args() {
  while (($# > 0)); do
    case "$1" in
      --project) PROJECT="${2:?--project needs a value}"; shift 2 ;;
      --region) REGION="${2:?--region needs a value}"; shift 2 ;;
      --zone) ZONE="${2:?--zone needs a value}"; shift 2 ;;
      --dry-run) DRY_RUN=1; shift ;;
      -h | --help) usage; exit 0 ;;
      *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
  done
  if [[ -z "$PROJECT" || -z "$REGION" ]]; then
    echo "--project and --region are required" >&2
    usage >&2
    exit 2
  fi
  ZONE="${ZONE:-${REGION}-a}"
  if [[ "$NETWORK" == default ]]; then
    echo "NETWORK=default refused: its default-allow-internal rule opens every port to every VM of the project" >&2
    exit 2
  fi
  export GCP_PROJECT="$PROJECT" GCP_REGION="$REGION" GCP_ZONE="$ZONE" DRY_RUN
}

# The trace goes to the original stdout (fd 3) so that $(lookup …) captures only the value.
exec 3>&1

say() { printf '[gcp] %s\n' "$*" >&2; }

trace() {
  local mark="$1"
  shift
  printf '%s' "$mark" >&3
  printf ' %q' "$@" >&3
  printf '\n' >&3
}

# run CMD…: an action. Printed, and executed unless --dry-run.
run() {
  trace '+' "$@"
  if [[ "$DRY_RUN" == 1 ]]; then return 0; fi
  "$@"
}

# exists CMD…: a describe; true when the resource exists. Under --dry-run nothing exists, so every create shows.
exists() {
  trace '?' "$@"
  if [[ "$DRY_RUN" == 1 ]]; then return 1; fi
  "$@" >/dev/null 2>&1
}

# lookup PLACEHOLDER CMD…: a read whose output later commands need; under --dry-run, prints PLACEHOLDER instead.
lookup() {
  local placeholder="$1"
  shift
  trace '?' "$@"
  if [[ "$DRY_RUN" == 1 ]]; then printf '%s' "$placeholder"; return 0; fi
  "$@"
}

# ensure DESCRIBE… -- CREATE…: creates the resource only when the describe fails.
ensure() {
  local describe=()
  while [[ "$1" != "--" ]]; do describe+=("$1"); shift; done
  shift
  if exists "${describe[@]}"; then say "exists: ${describe[*]:0:5}"; else run "$@"; fi
}

# generate_token FILE: 43 URL-safe random characters (256 bits), into a file of PRIVATE_DIR.
generate_token() { LC_ALL=C tr -dc 'A-Za-z0-9_-' </dev/urandom | head -c 43 >"$1"; }

# A directory only this user can read (PRIVATE_DIR), removed on exit: secrets are written here, never put on a
# command line. Called in the current shell (not in $(…)), so the trap belongs to the script itself.
make_private_dir() {
  umask 077
  PRIVATE_DIR="$(mktemp -d)"
  chmod 700 "$PRIVATE_DIR"
  trap 'rm -rf "$PRIVATE_DIR"' EXIT
}

# The image of this commit: <registry of the repository>/alpes-partners:<commit>[-dirty]. Never `latest`.
image_reference() {
  local tag registry
  tag="$(git -C "$REPO_ROOT" rev-parse --short=12 HEAD)"
  if [[ -n "$(git -C "$REPO_ROOT" status --porcelain)" ]]; then tag="$tag-dirty"; fi
  registry="$(lookup dry-run-registry gcloud artifacts repositories describe "$REPOSITORY" --location "$REGION" \
    --project "$PROJECT" --format 'value(registryUri)')"
  printf '%s/%s:%s' "$registry" "$IMAGE_NAME" "$tag"
}

# account_of PROCESS: the e-mail of the process's own service account.
account_of() { printf 'alpes-%s@%s.iam.gserviceaccount.com' "$1" "$PROJECT"; }

# role_of PROCESS: its Pulsar role and the suffix of its database role and secrets.
role_of() { if [[ "$1" == outbox-relay ]]; then printf 'relay'; else printf '%s' "$1"; fi; }
pulsar_token_secret() { printf 'alpes-pulsar-token-%s' "$1"; }
db_password_secret() { printf 'alpes-db-password-%s' "$1"; }
database_url_secret() { printf 'alpes-database-url-%s' "$1"; }

# write_database_url USER PASSWORD_FILE HOST OUT: the URL a process connects with, encrypted and verified against
# Cloud SQL's server CA (sslmode=require with sslrootcert: the chain is checked, as libpq does; the services read
# both parameters themselves, @alpes/eventstore's postgresTls). printf is a builtin: no password in a process list.
write_database_url() {
  printf 'postgresql://%s:%s@%s:5432/%s?sslmode=require&sslrootcert=%s' "$1" "$(<"$2")" "$3" "$DB_NAME" \
    "$SQL_SERVER_CA_FILE" >"$4"
}

# generate_password FILE: 32 characters from [A-Za-z0-9] (nothing to escape in a URL or JSON).
generate_password() { LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32 >"$1"; }

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

# grant_secret SECRET ACCOUNT: ACCOUNT may read SECRET, and nothing more.
grant_secret() {
  run gcloud secrets add-iam-policy-binding "$1" --member "serviceAccount:$2" \
    --role roles/secretmanager.secretAccessor --project "$PROJECT" --condition None
}

b64url() { base64 | tr -d '\n=' | tr '+/' '-_'; }

# sign_token SUBJECT KEY_FILE: an RS256 JWT for SUBJECT (a Pulsar role), as `pulsar tokens create --private-key`
# makes it. The key is read from its file, never passed as an argument.
sign_token() {
  local unsigned
  unsigned="$(printf '{"alg":"RS256","typ":"JWT"}' | b64url).$(printf '{"sub":"%s"}' "$1" | b64url)"
  printf '%s.%s' "$unsigned" "$(printf '%s' "$unsigned" | openssl dgst -sha256 -sign "$2" -binary | b64url)"
}

# write_pulsar_credentials DIR ADDRESS: in DIR, a CA (its key is thrown away once the broker's certificate is
# signed), the broker's certificate for ADDRESS and 127.0.0.1, an RSA key pair for tokens (the broker gets only the
# public half, DER, so it cannot mint tokens), and a token for the admin role and for each process's role.
write_pulsar_credentials() {
  local dir="$1" address="$2" role
  (
    cd "$dir"
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key.pem -out ca.cert.pem -days 825 \
      -subj "/CN=Alpes Partners Pulsar CA" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout broker.key.pem -out broker.csr -subj "/CN=$address" 2>/dev/null
    printf 'subjectAltName=IP:%s,IP:127.0.0.1\n' "$address" >san.ext
    openssl x509 -req -in broker.csr -CA ca.cert.pem -CAkey ca.key.pem -CAcreateserial -out broker.cert.pem \
      -days 825 -extfile san.ext 2>/dev/null
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out token-signing.key.pem 2>/dev/null
    openssl pkey -in token-signing.key.pem -pubout -outform DER -out token-public.key
    rm -f broker.csr san.ext ca.cert.srl ca.key.pem
    sign_token "$PULSAR_ADMIN_ROLE" token-signing.key.pem >token-admin
    for role in "${ROLES[@]}"; do sign_token "$role" token-signing.key.pem >"token-$role"; done
  )
}
