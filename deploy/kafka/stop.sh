#!/usr/bin/env bash
# Stop the broker that start.sh started: SIGTERM for a clean shutdown, then SIGKILL
# after $KAFKA_STOP_TIMEOUT seconds. Exits 0 when no such broker is running.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/kafka/env.sh
source "$script_dir/env.sh"

if [[ ! -f "$KAFKA_PID_FILE" ]]; then
  echo "Kafka broker is not running (no pid file $KAFKA_PID_FILE)"
  exit 0
fi

pid="$(cat "$KAFKA_PID_FILE")"
# The pid may have been reused by another program since the broker exited, so only a
# process whose command line names kafka.Kafka is signalled.
if ! [[ "$pid" =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null ||
  ! grep -qa 'kafka\.Kafka' "/proc/$pid/cmdline" 2>/dev/null; then
  echo "Kafka broker is not running (removing stale pid file $KAFKA_PID_FILE)"
  rm -f "$KAFKA_PID_FILE"
  exit 0
fi

started_ms="$(date +%s%3N)"
echo "Stopping Kafka broker (pid $pid)"
kill -TERM "$pid" 2>/dev/null || true

deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
while kill -0 "$pid" 2>/dev/null; do
  if ((SECONDS >= deadline)); then
    echo "Kafka broker (pid $pid) still running ${KAFKA_STOP_TIMEOUT}s after SIGTERM, sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    break
  fi
  sleep 0.2
done

# After SIGKILL the process can take a moment to disappear.
for _ in $(seq 50); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
  echo "Kafka broker (pid $pid) did not exit after SIGKILL" >&2
  exit 1
fi

rm -f "$KAFKA_PID_FILE"
elapsed_ms=$(($(date +%s%3N) - started_ms))
echo "Kafka broker stopped after $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000)))s"
