#!/usr/bin/env bash
# Installs what deploy/validate needs to check the manifests without a cluster, from Debian's
# packages and Maven Central only, and prepares the schemas in deploy/validate/.cache:
#   - kubectl with its built-in kustomize renders the overlays (must already be on the machine:
#     Debian's kubernetes-client is 1.20, too old for these kustomizations);
#   - docker-compose (Debian) checks docker-compose.yml against the Compose file schema;
#   - Maven builds schema-tools, whose classpath holds the official Kubernetes Java client
#     models and Strimzi's API classes and CRD generator;
#   - Strimzi's generator prints the Kafka, KafkaNodePool and KafkaTopic CRDs.
# Running it twice is harmless; the second run only re-checks.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="$here/.cache"
tools="$here/schema-tools"

if ! kubectl kustomize --help >/dev/null 2>&1; then
  echo "kubectl with kustomize (v5) is required to render deploy/kubernetes; none found on PATH" >&2
  exit 1
fi

if ! command -v docker-compose >/dev/null 2>&1; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose
fi

mkdir -p "$cache/crds"
mvn -q -B -f "$tools/pom.xml" package dependency:build-classpath -Dmdep.outputFile="$cache/classpath.txt"

classpath="$(cat "$cache/classpath.txt")"
generate_crds() {
  java -cp "$classpath" io.strimzi.crdgenerator.CrdGenerator --crd-api-version v1 --yaml "$@"
}
generate_crds --api-versions v1beta2 --storage-version v1beta2 \
  "io.strimzi.api.kafka.model.kafka.Kafka=$cache/crds/kafka.yaml" \
  "io.strimzi.api.kafka.model.nodepool.KafkaNodePool=$cache/crds/kafkanodepool.yaml"
generate_crds --api-versions v1alpha1,v1beta1,v1beta2 --storage-version v1beta2 \
  "io.strimzi.api.kafka.model.topic.KafkaTopic=$cache/crds/kafkatopic.yaml"

echo "deploy/validate tools ready in $cache"
