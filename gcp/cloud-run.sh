#!/usr/bin/env bash
# The six processes on Cloud Run, one service each, all from the image of this commit. Every one consumes Pulsar
# in the background (the relay polls PostgreSQL), so CPU is always allocated (--no-cpu-throttling) and one instance
# always runs (--min-instances 1): with request-based CPU the original's consumers starved between requests (D-27).
# Only the BFF is public; its request timeout is Cloud Run's maximum, 3600 s, for the SSE stream (D-27).
# Each process runs as its own service account and reads only its own secrets: its database URL (its own role,
# TLS verified against Cloud SQL's CA), its Pulsar token (its own role: produce and consume on its topics only),
# the two CAs; only the BFF reads its signing secret and operator token (issues 16, 19).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
parse_args "$@"

say "one service account per process, each reading only its own secrets"
for process in "${PROCESSES[@]}" db-roles; do
  ensure gcloud iam service-accounts describe "$(account_of "$process")" --project "$PROJECT" -- \
    gcloud iam service-accounts create "alpes-$process" --display-name "Alpes Partners: $process" --project "$PROJECT"
done
# The BFF's two secrets are generated once (a file, never a command line) and kept: rotating them is a new
# version added by hand, which invalidates the registrants' links or the operators' token on purpose.
make_private_dir
for secret in "$SECRET_BFF" "$SECRET_OPERATOR_TOKEN"; do
  if exists gcloud secrets describe "$secret" --project "$PROJECT"; then
    say "exists: secret $secret"
  else
    run generate_token "$PRIVATE_DIR/$secret"
    run gcloud secrets create "$secret" --replication-policy automatic --data-file "$PRIVATE_DIR/$secret" --project "$PROJECT"
  fi
  # Only the BFF reads them.
  grant_secret "$secret" "$(account_of bff)"
done
# Each process: its own database URL and Pulsar token, and the two CAs it verifies the servers with.
for process in "${PROCESSES[@]}"; do
  role="$(role_of "$process")"
  for secret in "$(database_url_secret "$role")" "$(pulsar_token_secret "$role")" "$SECRET_SQL_SERVER_CA" "$SECRET_PULSAR_CA"; do
    grant_secret "$secret" "$(account_of "$process")"
  done
done
# The database roles job: the administrator's URL and every role's password, nothing of Pulsar.
for secret in "$SECRET_DATABASE_URL" "$SECRET_SQL_SERVER_CA"; do grant_secret "$secret" "$(account_of db-roles)"; done
for role in "${ROLES[@]}"; do grant_secret "$(db_password_secret "$role")" "$(account_of db-roles)"; done

image="$(image_reference)"
pulsar_ip="$(lookup dry-run-pulsar-ip gcloud compute addresses describe "$VM_ADDRESS" --region "$REGION" \
  --project "$PROJECT" --format 'value(address)')"
# `^@^` makes @ the separator of --set-env-vars, so values may hold commas (RELAY_SCHEMAS).
common_env="HOST=0.0.0.0@LOG_LEVEL=info@PULSAR_URL=pulsar+ssl://$pulsar_ip:$PULSAR_TLS_PORT@PULSAR_TLS_CA=$PULSAR_CA_FILE"
# The services grant the relay's database role their outbox (and nothing else) when they migrate.
outbox_env="@OUTBOX_RELAY_ROLE=alpes_relay"

# credentials PROCESS: its --set-secrets value: its own database URL and Pulsar token, the CAs as files.
credentials() {
  local role
  role="$(role_of "$1")"
  printf 'DATABASE_URL=%s:latest,PULSAR_TOKEN=%s:latest,%s=%s:latest,%s=%s:latest' \
    "$(database_url_secret "$role")" "$(pulsar_token_secret "$role")" \
    "$SQL_SERVER_CA_FILE" "$SECRET_SQL_SERVER_CA" "$PULSAR_CA_FILE" "$SECRET_PULSAR_CA"
}

say "database roles job $ROLES_JOB: a role per process, each schema owned by its role (run before the services)"
run gcloud run jobs deploy "$ROLES_JOB" --project "$PROJECT" --region "$REGION" --image "$image" \
  --command node --args .build/infra/src/databaseRolesMain.js --vpc-connector "$CONNECTOR" \
  --service-account "$(account_of db-roles)" --max-retries 1 --task-timeout 300 \
  --set-secrets "DATABASE_URL=$SECRET_DATABASE_URL:latest,$SQL_SERVER_CA_FILE=$SECRET_SQL_SERVER_CA:latest$(
    for role in "${ROLES[@]}"; do printf ',DB_PASSWORD_%s=%s:latest' "${role^^}" "$(db_password_secret "$role")"; done)"
run gcloud run jobs execute "$ROLES_JOB" --project "$PROJECT" --region "$REGION" --wait

# deploy NAME ENTRY PORT ENV [flags…]: create or update (gcloud run deploy is idempotent) one service.
deploy() {
  local name="$1" entry="$2" port="$3" env="$4"
  shift 4
  say "Cloud Run service alpes-$name ($entry, port $port)"
  run gcloud run deploy "alpes-$name" --project "$PROJECT" --region "$REGION" --image "$image" \
    --command node --args "$entry" --port "$port" --set-env-vars "^@^$common_env$env" \
    --cpu 1 --memory 512Mi --min-instances 1 --no-cpu-throttling --execution-environment gen2 \
    --vpc-connector "$CONNECTOR" --service-account "$(account_of "$name")" \
    --startup-probe "httpGet.path=/health,httpGet.port=$port,periodSeconds=5,failureThreshold=24,timeoutSeconds=3" \
    "$@"
}

internal=(--ingress internal --no-allow-unauthenticated)
deploy influencers .build/services/influencers/src/main.js 8000 "$outbox_env" "${internal[@]}" \
  --set-secrets "$(credentials influencers)" --max-instances 3 --concurrency 80
deploy campanas .build/services/campanas/src/main.js 8001 "$outbox_env" "${internal[@]}" \
  --set-secrets "$(credentials campanas)" --max-instances 3 --concurrency 80
deploy contratos .build/services/contratos/src/main.js 8002 "$outbox_env" "${internal[@]}" \
  --set-secrets "$(credentials contratos)" --max-instances 3 --concurrency 80
# The BFF reads the saga's query API: internal ingress, reached through the connector (BFF egress all-traffic).
deploy saga .build/services/saga/src/main.js 8084 "$outbox_env" --ingress internal --allow-unauthenticated \
  --set-secrets "$(credentials saga)" --max-instances 3 --concurrency 80
# One relay: it elects a leader anyway, a second instance would only stand by. No admin URL: the VM's startup
# script turned deduplication on, and the relay's role may only publish.
deploy outbox-relay .build/outbox-relay/src/main.js 9464 "@RELAY_PORT=9464@RELAY_SCHEMAS=influencers,campanas,contratos,saga" \
  "${internal[@]}" --set-secrets "$(credentials outbox-relay)" --max-instances 1 --concurrency 10

saga_url="$(lookup https://dry-run-saga-url gcloud run services describe alpes-saga --region "$REGION" \
  --project "$PROJECT" --format 'value(status.url)')"
# The BFF keeps its registrations ledger in the database, signs with BFF_SECRET, and sees clients' addresses
# through Cloud Run's front end (one trusted proxy hop) for its per-address limits (issue 16). Each open SSE
# stream holds one of an instance's request slots for up to an hour: the default 80 would turn the 81st watcher
# away (or start an instance for it); 1000 (Cloud Run's maximum) is what the BFF's Node loop carries, since a
# stream costs a socket and a subscription to the in-memory fan-out, not a thread.
deploy bff .build/services/bff/src/main.js 8004 "@SAGA_URL=$saga_url@BFF_TRUST_PROXY=1" --ingress all --allow-unauthenticated \
  --set-secrets "$(credentials bff),BFF_SECRET=$SECRET_BFF:latest,BFF_OPERATOR_TOKEN=$SECRET_OPERATOR_TOKEN:latest" \
  --timeout 3600 --vpc-egress all-traffic --max-instances 3 --concurrency 1000

bff_url="$(lookup https://dry-run-bff-url gcloud run services describe alpes-bff --region "$REGION" \
  --project "$PROJECT" --format 'value(status.url)')"
say "BFF: $bff_url (POST /influencers, GET /stream)"
