#!/usr/bin/env bash
# Artifact Registry repository and the one image every process runs (the repository's Dockerfile), built by
# Cloud Build and tagged with the git commit, never `latest` (a dirty tree gets `<commit>-dirty`, with ALLOW_DIRTY=1).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
parse_args "$@"

say "Artifact Registry repository $REPOSITORY"
ensure gcloud artifacts repositories describe "$REPOSITORY" --location "$REGION" --project "$PROJECT" -- \
  gcloud artifacts repositories create "$REPOSITORY" --repository-format docker --location "$REGION" \
  --description "Alpes Partners images" --project "$PROJECT"

if [[ -n "$(git -C "$REPO_ROOT" status --porcelain)" && "$DRY_RUN" != 1 && "${ALLOW_DIRTY:-0}" != 1 ]]; then
  echo "the work tree has uncommitted changes: commit them (the image tag is the commit) or set ALLOW_DIRTY=1" >&2
  exit 2
fi
image="$(image_reference)"

say "image $image"
ensure gcloud artifacts docker images describe "$image" --project "$PROJECT" -- \
  gcloud builds submit "$REPO_ROOT" --tag "$image" --region "$REGION" --project "$PROJECT"
