#!/usr/bin/env bash
# APIs, the network pieces everything else needs: Cloud NAT (egress for the VM, which has no public address),
# private services access (Cloud SQL private IP), the Serverless VPC connector (Cloud Run → VPC) and the only
# firewall rule to Pulsar: from the connector range, its TLS ports 6651 and 8443 only (D-28: never 0.0.0.0/0, no 5432 on the VM).
# All of it on a network of its own (issue 19): a custom-mode network starts with no firewall rule at all.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
parse_args "$@"

say "enabling the APIs"
run gcloud services enable compute.googleapis.com sqladmin.googleapis.com run.googleapis.com vpcaccess.googleapis.com \
  artifactregistry.googleapis.com cloudbuild.googleapis.com secretmanager.googleapis.com servicenetworking.googleapis.com \
  --project "$PROJECT"

say "network $NETWORK (custom subnets, no default rules) and subnet $SUBNET ($SUBNET_RANGE)"
ensure gcloud compute networks describe "$NETWORK" --project "$PROJECT" -- \
  gcloud compute networks create "$NETWORK" --subnet-mode custom --project "$PROJECT"
ensure gcloud compute networks subnets describe "$SUBNET" --region "$REGION" --project "$PROJECT" -- \
  gcloud compute networks subnets create "$SUBNET" --network "$NETWORK" --region "$REGION" \
  --range "$SUBNET_RANGE" --enable-private-ip-google-access --project "$PROJECT"

say "Cloud NAT, so the VM pulls its image without a public address"
ensure gcloud compute routers describe "$ROUTER" --region "$REGION" --project "$PROJECT" -- \
  gcloud compute routers create "$ROUTER" --network "$NETWORK" --region "$REGION" --project "$PROJECT"
ensure gcloud compute routers nats describe "$NAT" --router "$ROUTER" --region "$REGION" --project "$PROJECT" -- \
  gcloud compute routers nats create "$NAT" --router "$ROUTER" --region "$REGION" --project "$PROJECT" \
  --auto-allocate-nat-external-ips --nat-all-subnet-ip-ranges

say "private services access for Cloud SQL"
ensure gcloud compute addresses describe "$PEERING_RANGE" --global --project "$PROJECT" -- \
  gcloud compute addresses create "$PEERING_RANGE" --global --purpose VPC_PEERING --prefix-length 16 \
  --network "$NETWORK" --project "$PROJECT"
peerings="$(lookup "" gcloud services vpc-peerings list --network "$NETWORK" --project "$PROJECT" \
  --format 'value(reservedPeeringRanges)')"
if [[ "$peerings" == *"$PEERING_RANGE"* ]]; then
  say "exists: peering with servicenetworking over $PEERING_RANGE"
else
  run gcloud services vpc-peerings connect --service servicenetworking.googleapis.com --ranges "$PEERING_RANGE" \
    --network "$NETWORK" --project "$PROJECT"
fi

say "Serverless VPC connector $CONNECTOR ($CONNECTOR_RANGE)"
ensure gcloud compute networks vpc-access connectors describe "$CONNECTOR" --region "$REGION" --project "$PROJECT" -- \
  gcloud compute networks vpc-access connectors create "$CONNECTOR" --region "$REGION" --network "$NETWORK" \
  --range "$CONNECTOR_RANGE" --min-instances 2 --max-instances 3 --machine-type e2-micro --project "$PROJECT"

say "firewall: the connector range may reach Pulsar's TLS ports ($PULSAR_TLS_PORT, $PULSAR_ADMIN_TLS_PORT), nothing else and nobody else"
rule=(--rules "tcp:$PULSAR_TLS_PORT,tcp:$PULSAR_ADMIN_TLS_PORT" --source-ranges "$CONNECTOR_RANGE" --target-tags "$VM_TAG")
if exists gcloud compute firewall-rules describe "$FIREWALL_RULE" --project "$PROJECT"; then
  # Kept in step: a rule made by an earlier version admitted the plaintext ports 6650 and 8080.
  run gcloud compute firewall-rules update "$FIREWALL_RULE" "${rule[@]}" --project "$PROJECT"
else
  run gcloud compute firewall-rules create "$FIREWALL_RULE" --network "$NETWORK" --direction INGRESS --action allow \
    "${rule[@]}" --project "$PROJECT"
fi
if exists gcloud compute firewall-rules describe allow-pulsar --project "$PROJECT"; then
  say "WARNING: the original's rule allow-pulsar (6650/8080/5432 from 0.0.0.0/0, D-28) exists; delete it with:"
  say "  gcloud compute firewall-rules delete allow-pulsar --project $PROJECT"
fi
