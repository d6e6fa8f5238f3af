#!/usr/bin/env bash
# Checks the deployment files without Docker or a cluster: renders both kustomize overlays and
# validates every object against the Kubernetes and Strimzi schemas, checks docker-compose.yml
# against the Compose schema, and checks that compose, the manifests and the image agree with
# what the services read (ports, environment variables, probes, topics).
# Run deploy/validate/install-tools.sh once first.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"
exec npx jest -c deploy/jest.config.js deploy/validate "$@"
