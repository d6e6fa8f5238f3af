#!/usr/bin/env bash
# Event latency from ticket creation to sla.applied and to the acknowledgement mail (p50/p99)
# at a sustained load; builds the services first. The last line is the figure.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
export LOG_LEVEL="${LOG_LEVEL:-warn}"
npm run -s build
export TS_NODE_PROJECT=tsconfig.base.json TS_NODE_TRANSPILE_ONLY=1
exec node -r ts-node/register -r tsconfig-paths/register bench/e2e/event-latency.ts
