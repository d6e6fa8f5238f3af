# Shared settings for the local Kafka scripts, meant to be sourced, not run.
# Every value can be overridden from the environment.

# 3.9.x is the last Kafka line that still accepts the old protocol versions that
# kafkajs 2.2.4 sends. Kafka 4.0 removed them (KIP-896).
KAFKA_VERSION="${KAFKA_VERSION:-3.9.2}"
# Scala build of the broker jar (kafka_<scala>).
KAFKA_SCALA_VERSION="${KAFKA_SCALA_VERSION:-2.13}"

DESKFLOW_CACHE="${DESKFLOW_CACHE:-$HOME/.cache/deskflow}"
KAFKA_HOME="$DESKFLOW_CACHE/kafka-$KAFKA_VERSION"
KAFKA_LIBS="$KAFKA_HOME/libs"
# Written last by fetch.sh, so a half-finished download is never taken as complete.
KAFKA_FETCH_MARKER="$KAFKA_HOME/.fetched"

KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
# A broker on another port gets its own folder, so its pid file never names the broker on 9092.
if [[ "$KAFKA_PORT" == 9092 ]]; then
  DESKFLOW_KAFKA_DIR="${DESKFLOW_KAFKA_DIR:-$DESKFLOW_CACHE/kafka-data}"
else
  DESKFLOW_KAFKA_DIR="${DESKFLOW_KAFKA_DIR:-$DESKFLOW_CACHE/kafka-data-$KAFKA_PORT}"
fi
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
# Seconds start.sh waits for the broker to respond to a metadata request.
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
# Seconds stop.sh waits after SIGTERM before it sends SIGKILL.
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

KAFKA_PID_FILE="$DESKFLOW_KAFKA_DIR/kafka.pid"
KAFKA_CLUSTER_ID_FILE="$DESKFLOW_KAFKA_DIR/cluster.id"
KAFKA_CONFIG_FILE="$DESKFLOW_KAFKA_DIR/server.properties"
KAFKA_LOG_DIRS="$DESKFLOW_KAFKA_DIR/logs"
# log4j writes server.log here. The JVM's own stdout and stderr go to kafka.out.
KAFKA_APP_LOG_DIR="$DESKFLOW_KAFKA_DIR/app-logs"
KAFKA_STDOUT_FILE="$DESKFLOW_KAFKA_DIR/kafka.out"
