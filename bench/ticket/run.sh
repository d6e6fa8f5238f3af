#!/usr/bin/env bash
# Runs the ticket creation benchmark against the local Postgres and Kafka broker.
# Settings: BENCH_TICKETS, BENCH_ROUNDS, BENCH_CONCURRENCY, BENCH_WARMUP, BENCH_RULES,
# BENCH_SERVICE_NODE_OPTIONS,
# DATABASE_URL, DATABASE_POOL_SIZE, KAFKA_BROKERS.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
npm run -s build
export TS_NODE_TRANSPILE_ONLY=1
exec node -r ts-node/register -r tsconfig-paths/register bench/ticket/ticket-creation.bench.ts
