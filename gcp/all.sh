#!/usr/bin/env bash
# Everything, in dependency order: network → Pulsar VM → Cloud SQL → image → Cloud Run. Each step is idempotent,
# so a failed run is simply run again. Same flags as every step (--project, --region, --zone, --dry-run).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
parse_args "$@"

for step in network pulsar-vm cloud-sql images cloud-run; do
  say "== $step"
  bash "$here/$step.sh" "$@"
done
