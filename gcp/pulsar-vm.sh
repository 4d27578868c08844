#!/usr/bin/env bash
# The Pulsar VM: Container-Optimized OS from a pinned family and project, a static internal address, no public
# address, reachable only through the firewall rule of network.sh; Pulsar itself is started by
# pulsar-startup.sh (systemd + docker, image pinned). Fixes D-28. The broker takes TLS and tokens only, with
# authorization on (issue 19): its certificate, a CA and the tokens are made here once and kept in Secret Manager;
# the VM's own service account reads only what the broker needs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
parse_args "$@"
make_private_dir

say "static internal address $VM_ADDRESS"
ensure gcloud compute addresses describe "$VM_ADDRESS" --region "$REGION" --project "$PROJECT" -- \
  gcloud compute addresses create "$VM_ADDRESS" --region "$REGION" --subnet "$SUBNET" --project "$PROJECT"
address="$(lookup 10.10.0.2 gcloud compute addresses describe "$VM_ADDRESS" --region "$REGION" \
  --project "$PROJECT" --format 'value(address)')"

say "the broker's credentials: a CA, its certificate for $address, a token key pair, a token per role"
if exists gcloud secrets describe "$SECRET_PULSAR_CA" --project "$PROJECT"; then
  say "exists: $SECRET_PULSAR_CA (the credentials are kept; to renew them, delete the alpes-pulsar-* secrets)"
else
  run write_pulsar_credentials "$PRIVATE_DIR" "$address"
  for pair in "$SECRET_PULSAR_CA:ca.cert.pem" "$SECRET_PULSAR_BROKER_CERT:broker.cert.pem" \
    "$SECRET_PULSAR_BROKER_KEY:broker.key.pem" "$SECRET_PULSAR_TOKEN_PUBLIC_KEY:token-public.key" \
    "$SECRET_PULSAR_TOKEN_SIGNING_KEY:token-signing.key.pem" "$SECRET_PULSAR_ADMIN_TOKEN:token-admin"; do
    store_secret "${pair%%:*}" "$PRIVATE_DIR/${pair#*:}"
  done
  for role in "${ROLES[@]}"; do store_secret "$(pulsar_token_secret "$role")" "$PRIVATE_DIR/token-$role"; done
fi

say "service account $VM_ACCOUNT: reads the broker's certificate, key, token public key, admin token and the CA"
ensure gcloud iam service-accounts describe "$(account_of pulsar)" --project "$PROJECT" -- \
  gcloud iam service-accounts create "$VM_ACCOUNT" --display-name "Alpes Partners: Pulsar VM" --project "$PROJECT"
for secret in "$SECRET_PULSAR_CA" "$SECRET_PULSAR_BROKER_CERT" "$SECRET_PULSAR_BROKER_KEY" \
  "$SECRET_PULSAR_TOKEN_PUBLIC_KEY" "$SECRET_PULSAR_ADMIN_TOKEN"; do
  grant_secret "$secret" "$(account_of pulsar)"
done

say "VM $VM_NAME ($VM_MACHINE_TYPE, $VM_IMAGE_PROJECT/$VM_IMAGE_FAMILY)"
metadata="startup-script=$here/pulsar-startup.sh,topic-grants=$here/topic-grants.tsv"
if exists gcloud compute instances describe "$VM_NAME" --zone "$ZONE" --project "$PROJECT"; then
  # The startup script and the grants follow the repository; they apply at the next boot. (A VM made before the
  # broker took TLS runs as another service account: delete it and run this again.)
  run gcloud compute instances add-metadata "$VM_NAME" --zone "$ZONE" --project "$PROJECT" --metadata-from-file "$metadata"
else
  run gcloud compute instances create "$VM_NAME" --zone "$ZONE" --project "$PROJECT" \
    --machine-type "$VM_MACHINE_TYPE" --image-family "$VM_IMAGE_FAMILY" --image-project "$VM_IMAGE_PROJECT" \
    --boot-disk-size 30GB --boot-disk-type pd-balanced --subnet "$SUBNET" --private-network-ip "$VM_ADDRESS" \
    --no-address --tags "$VM_TAG" --shielded-secure-boot --shielded-vtpm --shielded-integrity-monitoring \
    --service-account "$(account_of pulsar)" --scopes cloud-platform \
    --labels app=alpes-partners,component=pulsar \
    --metadata-from-file "$metadata"
fi

say "Pulsar: pulsar+ssl://$address:$PULSAR_TLS_PORT (admin https://$address:$PULSAR_ADMIN_TLS_PORT), tokens only,"
say "  reachable from the VPC connector only; the startup script grants each role its topics (topic-grants.tsv)"
say "logs: gcloud compute ssh $VM_NAME --zone $ZONE --tunnel-through-iap -- sudo journalctl -u pulsar (needs an IAP rule for 22)"
