#!/usr/bin/env bash
# Download the Apache Kafka broker jars and their runtime dependencies from Maven
# Central into $KAFKA_LIBS. Does nothing when a complete copy is already there.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/kafka/env.sh
source "$script_dir/env.sh"

if [[ -f "$KAFKA_FETCH_MARKER" ]]; then
  echo "Kafka $KAFKA_VERSION jars already in $KAFKA_LIBS"
  exit 0
fi

if ! command -v mvn >/dev/null 2>&1; then
  echo "mvn not found: install Maven 3 to download the Kafka jars" >&2
  exit 1
fi

mkdir -p "$KAFKA_HOME"
work_dir="$(mktemp -d "$KAFKA_HOME/fetch.XXXXXX")"
trap 'rm -rf "$work_dir"' EXIT

# kafka_2.13 pulls in kafka-server, kafka-metadata, kafka-raft, kafka-storage and the
# rest of the broker at runtime scope. Kafka's own distribution adds the log4j 1.x
# API (reload4j) and its slf4j binding, which the broker needs for logging and for
# its log4j MBean, so they are listed here at the versions Kafka 3.9 ships.
cat >"$work_dir/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.deskflow.local</groupId>
  <artifactId>kafka-broker-libs</artifactId>
  <version>$KAFKA_VERSION</version>
  <packaging>pom</packaging>

  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_$KAFKA_SCALA_VERSION</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-reload4j</artifactId>
      <version>1.7.36</version>
    </dependency>
    <dependency>
      <groupId>ch.qos.reload4j</groupId>
      <artifactId>reload4j</artifactId>
      <version>1.2.25</version>
    </dependency>
  </dependencies>

  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.6.1</version>
      </plugin>
    </plugins>
  </build>
</project>
POM

echo "Downloading Kafka $KAFKA_VERSION jars with Maven into $KAFKA_LIBS"
# Maven 3.8 writes ANSI reset codes even with -q -B, so its output is kept in a file
# and shown only when it fails.
if ! mvn -q -B -Dstyle.color=never -f "$work_dir/pom.xml" dependency:copy-dependencies \
  -DincludeScope=runtime \
  -DoutputDirectory="$work_dir/libs" >"$work_dir/mvn.log" 2>&1; then
  echo "Maven failed to download the Kafka $KAFKA_VERSION jars:" >&2
  cat "$work_dir/mvn.log" >&2
  exit 1
fi

if ! compgen -G "$work_dir/libs/kafka_$KAFKA_SCALA_VERSION-$KAFKA_VERSION.jar" >/dev/null; then
  echo "Maven finished but kafka_$KAFKA_SCALA_VERSION-$KAFKA_VERSION.jar is missing from $work_dir/libs" >&2
  exit 1
fi

rm -rf "$KAFKA_LIBS"
mv "$work_dir/libs" "$KAFKA_LIBS"
touch "$KAFKA_FETCH_MARKER"
echo "Kafka $KAFKA_VERSION: $(ls "$KAFKA_LIBS" | wc -l) jars in $KAFKA_LIBS"
