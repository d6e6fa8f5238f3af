#!/usr/bin/env bash
# Runs the knowledge search benchmark; the last line gives the search and suggestion p99.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
export TS_NODE_TRANSPILE_ONLY=true
exec npx ts-node -r tsconfig-paths/register -P tsconfig.json -O '{"noEmit":false}' bench/knowledge/search-bench.ts
