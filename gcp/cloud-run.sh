#!/usr/bin/env bash
# The six processes on Cloud Run, one service each, all from the image of this commit. Every one consumes Pulsar
# in the background (the relay polls PostgreSQL), so CPU is always allocated (--no-cpu-throttling) and one instance
# always runs (--min-instances 1): with request-based CPU the original's consumers starved between requests (D-27).
# Only the BFF is public; its request timeout is Cloud Run's maximum, 3600 s, for the SSE stream (D-27).
# Each process runs as its own service account; only the processes that use PostgreSQL read the database secret,
# and only the BFF reads its signing secret and operator token (issues 16, 19).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
parse_args "$@"

say "one service account per process; only the processes that use PostgreSQL may read $SECRET_DATABASE_URL"
for process in "${PROCESSES[@]}"; do
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
  run gcloud secrets add-iam-policy-binding "$secret" --member "serviceAccount:$(account_of bff)" \
    --role roles/secretmanager.secretAccessor --project "$PROJECT" --condition None
done
for process in "${DATABASE_PROCESSES[@]}"; do
  run gcloud secrets add-iam-policy-binding "$SECRET_DATABASE_URL" --member "serviceAccount:$(account_of "$process")" \
    --role roles/secretmanager.secretAccessor --project "$PROJECT" --condition None
done

image="$(image_reference)"
pulsar_ip="$(lookup dry-run-pulsar-ip gcloud compute addresses describe "$VM_ADDRESS" --region "$REGION" \
  --project "$PROJECT" --format 'value(address)')"
# `^@^` makes @ the separator of --set-env-vars, so values may hold commas (RELAY_SCHEMAS).
common_env="HOST=0.0.0.0@LOG_LEVEL=info@PULSAR_URL=pulsar://$pulsar_ip:6650"

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

internal=(--ingress internal --no-allow-unauthenticated --set-secrets "DATABASE_URL=$SECRET_DATABASE_URL:latest")
deploy influencers .build/services/influencers/src/main.js 8000 "" "${internal[@]}" --max-instances 3 --concurrency 80
deploy campanas .build/services/campanas/src/main.js 8001 "" "${internal[@]}" --max-instances 3 --concurrency 80
deploy contratos .build/services/contratos/src/main.js 8002 "" "${internal[@]}" --max-instances 3 --concurrency 80
# The BFF reads the saga's query API: internal ingress, reached through the connector (BFF egress all-traffic).
deploy saga .build/services/saga/src/main.js 8084 "" --ingress internal --allow-unauthenticated \
  --set-secrets "DATABASE_URL=$SECRET_DATABASE_URL:latest" --max-instances 3 --concurrency 80
# One relay: it elects a leader anyway, a second instance would only stand by.
deploy outbox-relay .build/outbox-relay/src/main.js 9464 \
  "@RELAY_PORT=9464@RELAY_SCHEMAS=influencers,campanas,contratos,saga@PULSAR_ADMIN_URL=http://$pulsar_ip:8080" \
  "${internal[@]}" --max-instances 1 --concurrency 10

saga_url="$(lookup https://dry-run-saga-url gcloud run services describe alpes-saga --region "$REGION" \
  --project "$PROJECT" --format 'value(status.url)')"
# The BFF keeps its registrations ledger in the database, signs with BFF_SECRET, and sees clients' addresses
# through Cloud Run's front end (one trusted proxy hop) for its per-address limits (issue 16). Each open SSE
# stream holds one of an instance's request slots for up to an hour: the default 80 would turn the 81st watcher
# away (or start an instance for it); 1000 (Cloud Run's maximum) is what the BFF's Node loop carries, since a
# stream costs a socket and a subscription to the in-memory fan-out, not a thread.
deploy bff .build/services/bff/src/main.js 8004 "@SAGA_URL=$saga_url@BFF_TRUST_PROXY=1" --ingress all --allow-unauthenticated \
  --set-secrets "DATABASE_URL=$SECRET_DATABASE_URL:latest,BFF_SECRET=$SECRET_BFF:latest,BFF_OPERATOR_TOKEN=$SECRET_OPERATOR_TOKEN:latest" \
  --timeout 3600 --vpc-egress all-traffic --max-instances 3 --concurrency 1000

bff_url="$(lookup https://dry-run-bff-url gcloud run services describe alpes-bff --region "$REGION" \
  --project "$PROJECT" --format 'value(status.url)')"
say "BFF: $bff_url (POST /influencers, GET /stream)"
