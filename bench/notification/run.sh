#!/usr/bin/env bash
# Runs the notification delivery benchmark against DATABASE_URL and KAFKA_BROKERS (local defaults).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
export LOG_LEVEL="${LOG_LEVEL:-warn}"
export TS_NODE_TRANSPILE_ONLY=true
exec npx ts-node -r tsconfig-paths/register -P tsconfig.json -O '{"noEmit":false}' bench/notification/delivery-latency.ts
