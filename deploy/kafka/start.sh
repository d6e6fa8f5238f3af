#!/usr/bin/env bash
# Start a single-node KRaft Kafka broker (broker and controller in one JVM) in the
# background and wait until it responds to clients. Exits 0 without starting a second
# broker when one is already running on $KAFKA_HOST:$KAFKA_PORT.
# Settings and their defaults are in env.sh.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/kafka/env.sh
source "$script_dir/env.sh"

broker_address="$KAFKA_HOST:$KAFKA_PORT"

port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

broker_ready() {
  node "$script_dir/probe.mjs" "$broker_address"
}

# Prints the pid from the pid file when that process is alive and is a Kafka broker.
# A pid file can outlive its process and the pid can be reused, so both are checked.
running_pid() {
  [[ -f "$KAFKA_PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$KAFKA_PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  grep -qa 'kafka\.Kafka' "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

# Byte sizes of the log files before this start, so that a failure prints only what
# this start wrote and not an older run's output.
declare -A log_start_bytes=()

remember_log_sizes() {
  local file
  for file in "$KAFKA_APP_LOG_DIR/server.log" "$KAFKA_STDOUT_FILE"; do
    log_start_bytes["$file"]="$(stat -c %s "$file" 2>/dev/null || echo 0)"
  done
}

print_log_tail() {
  local file start size
  for file in "$KAFKA_APP_LOG_DIR/server.log" "$KAFKA_STDOUT_FILE"; do
    [[ -s "$file" ]] || continue
    start="${log_start_bytes["$file"]:-0}"
    size="$(stat -c %s "$file")"
    # A smaller file means log4j rolled it over, so all of it is new.
    if ((size < start)); then
      start=0
    fi
    if ((size > start)); then
      echo "--- last 40 lines of $file" >&2
      tail -c "+$((start + 1))" "$file" | tail -n 40 >&2
    fi
  done
}

now_ms() {
  date +%s%3N
}

# Waits until the broker responds to a metadata request. Returns 1 when the process
# exits first or the timeout passes.
wait_until_ready() {
  local pid="$1"
  local deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  until broker_ready; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "Kafka broker (pid $pid) exited during startup" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "Timed out after ${KAFKA_START_TIMEOUT}s waiting for the Kafka broker (pid $pid) to respond on $broker_address" >&2
      return 1
    fi
    sleep 0.5
  done
}

if ! command -v java >/dev/null 2>&1; then
  echo "java not found: Kafka $KAFKA_VERSION needs Java 11 or newer (17 recommended)" >&2
  exit 1
fi
if ! (cd "$script_dir" && node -e "require.resolve('kafkajs')") >/dev/null 2>&1; then
  echo "kafkajs is not installed, but the readiness check needs it: run 'npm ci' in the repository root" >&2
  exit 1
fi

# Two start.sh runs on one data directory (say, a test setup and a developer) would
# both format and launch, so they take turns. The lock is released when this script
# exits because the broker does not inherit the descriptor (9>&- below).
mkdir -p "$DESKFLOW_KAFKA_DIR"
exec 9>"$DESKFLOW_KAFKA_DIR/start.lock"
if ! flock -w "$((KAFKA_START_TIMEOUT + 30))" 9; then
  echo "Timed out waiting for $DESKFLOW_KAFKA_DIR/start.lock, which another start.sh holds" >&2
  exit 1
fi

if pid="$(running_pid)"; then
  if ! wait_until_ready "$pid"; then
    print_log_tail
    exit 1
  fi
  echo "Kafka broker already running on $broker_address (pid $pid)"
  exit 0
fi
rm -f "$KAFKA_PID_FILE"

if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
  if broker_ready; then
    echo "A Kafka broker not started from $DESKFLOW_KAFKA_DIR already responds on $broker_address, so it is used as is"
    exit 0
  fi
  echo "Port $broker_address is in use by a program that is not a Kafka broker: stop it or set KAFKA_PORT" >&2
  exit 1
fi
if port_open "$KAFKA_HOST" "$KAFKA_CONTROLLER_PORT"; then
  echo "Controller port $KAFKA_HOST:$KAFKA_CONTROLLER_PORT is in use: stop that program or set KAFKA_CONTROLLER_PORT" >&2
  exit 1
fi

if [[ ! -f "$KAFKA_FETCH_MARKER" ]]; then
  "$script_dir/fetch.sh"
fi

mkdir -p "$KAFKA_APP_LOG_DIR"
sed \
  -e "s|@KAFKA_HOST@|$KAFKA_HOST|g" \
  -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
  -e "s|@KAFKA_CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
  -e "s|@KAFKA_LOG_DIRS@|$KAFKA_LOG_DIRS|g" \
  "$script_dir/server.properties" >"$KAFKA_CONFIG_FILE"

# KAFKA_HEAP_OPTS is a list of JVM flags, so it is split on spaces on purpose.
read -r -a heap_opts <<<"$KAFKA_HEAP_OPTS"
java_opts=(
  "${heap_opts[@]}"
  -XX:+UseG1GC
  -XX:MaxGCPauseMillis=20
  -XX:+ExitOnOutOfMemoryError
  -Djava.awt.headless=true
  "-Dkafka.logs.dir=$KAFKA_APP_LOG_DIR"
  "-Dlog4j.configuration=file:$script_dir/log4j.properties"
  -cp "$KAFKA_LIBS/*"
)

started_ms="$(now_ms)"
remember_log_sizes

# The cluster id is generated once and kept, so a restart reuses the formatted
# storage instead of failing on a cluster id mismatch.
if [[ ! -f "$KAFKA_LOG_DIRS/meta.properties" ]]; then
  if [[ ! -s "$KAFKA_CLUSTER_ID_FILE" ]]; then
    if ! cluster_id="$(java "${java_opts[@]}" kafka.tools.StorageTool random-uuid 2>&1)" ||
      ! [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]]; then
      echo "Failed to generate a Kafka cluster id. StorageTool output:" >&2
      echo "$cluster_id" >&2
      exit 1
    fi
    echo "$cluster_id" >"$KAFKA_CLUSTER_ID_FILE"
  fi
  cluster_id="$(cat "$KAFKA_CLUSTER_ID_FILE")"
  if ! [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]]; then
    echo "Invalid Kafka cluster id '$cluster_id' in $KAFKA_CLUSTER_ID_FILE: delete the file to generate a new one" >&2
    exit 1
  fi
  echo "Formatting KRaft storage in $KAFKA_LOG_DIRS (cluster id $cluster_id)"
  if ! java "${java_opts[@]}" kafka.tools.StorageTool format \
    --config "$KAFKA_CONFIG_FILE" \
    --cluster-id "$cluster_id" \
    --ignore-formatted >>"$KAFKA_STDOUT_FILE" 2>&1; then
    echo "Failed to format KRaft storage in $KAFKA_LOG_DIRS" >&2
    print_log_tail
    exit 1
  fi
fi

# setsid detaches the broker from this shell's session, so a Ctrl-C in the terminal
# that ran start.sh does not stop it. The inner shell writes its own pid before it
# execs java, so the pid file names the JVM even if setsid forks.
setsid sh -c 'echo $$ >"$0"; exec "$@"' "$KAFKA_PID_FILE" \
  java "${java_opts[@]}" kafka.Kafka "$KAFKA_CONFIG_FILE" \
  </dev/null >>"$KAFKA_STDOUT_FILE" 2>&1 9>&- &

for _ in $(seq 50); do
  [[ -s "$KAFKA_PID_FILE" ]] && break
  sleep 0.1
done
if [[ ! -s "$KAFKA_PID_FILE" ]]; then
  echo "Kafka broker did not write its pid file $KAFKA_PID_FILE" >&2
  print_log_tail
  exit 1
fi
pid="$(cat "$KAFKA_PID_FILE")"

if ! wait_until_ready "$pid"; then
  print_log_tail
  "$script_dir/stop.sh" || true
  exit 1
fi

elapsed_ms=$(($(now_ms) - started_ms))
echo "Kafka $KAFKA_VERSION ready on $broker_address after $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000)))s (pid $pid, data in $DESKFLOW_KAFKA_DIR)"
