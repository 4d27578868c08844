#!/usr/bin/env bash
# The Pulsar VM: Container-Optimized OS from a pinned family and project, a static internal address, no public
# address, reachable only through the firewall rule of network.sh; Pulsar itself is started by
# pulsar-startup.sh (systemd + docker, image pinned). Fixes D-28.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
parse_args "$@"

say "static internal address $VM_ADDRESS"
ensure gcloud compute addresses describe "$VM_ADDRESS" --region "$REGION" --project "$PROJECT" -- \
  gcloud compute addresses create "$VM_ADDRESS" --region "$REGION" --subnet "$SUBNET" --project "$PROJECT"

say "VM $VM_NAME ($VM_MACHINE_TYPE, $VM_IMAGE_PROJECT/$VM_IMAGE_FAMILY)"
ensure gcloud compute instances describe "$VM_NAME" --zone "$ZONE" --project "$PROJECT" -- \
  gcloud compute instances create "$VM_NAME" --zone "$ZONE" --project "$PROJECT" \
  --machine-type "$VM_MACHINE_TYPE" --image-family "$VM_IMAGE_FAMILY" --image-project "$VM_IMAGE_PROJECT" \
  --boot-disk-size 30GB --boot-disk-type pd-balanced --subnet "$SUBNET" --private-network-ip "$VM_ADDRESS" \
  --no-address --tags "$VM_TAG" --shielded-secure-boot --shielded-vtpm --shielded-integrity-monitoring \
  --scopes logging-write,monitoring-write,storage-ro --labels app=alpes-partners,component=pulsar \
  --metadata-from-file startup-script="$here/pulsar-startup.sh"

address="$(lookup dry-run-pulsar-ip gcloud compute addresses describe "$VM_ADDRESS" --region "$REGION" \
  --project "$PROJECT" --format 'value(address)')"
say "Pulsar: pulsar://$address:6650 (admin http://$address:8080), reachable from the VPC connector only"
say "logs: gcloud compute ssh $VM_NAME --zone $ZONE --tunnel-through-iap -- sudo journalctl -u pulsar (needs an IAP rule for 22)"
