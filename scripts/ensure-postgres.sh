#!/usr/bin/env bash
# Make sure PostgreSQL accepts connections on $PGHOST:$PGPORT (default
# 127.0.0.1:5432). When nothing accepts them, start the local Debian cluster with
# pg_ctlcluster and wait until it is ready. PG_CLUSTER_VERSION selects the version
# (default: the newest under /etc/postgresql), PG_CLUSTER_NAME the cluster (default: main).
set -euo pipefail

pg_host="${PGHOST:-127.0.0.1}"
pg_port="${PGPORT:-5432}"
timeout_seconds="${PG_START_TIMEOUT:-30}"

if ! command -v pg_isready >/dev/null 2>&1; then
  echo "pg_isready not found: install the PostgreSQL client tools" >&2
  exit 1
fi

if pg_isready -q -h "$pg_host" -p "$pg_port"; then
  echo "PostgreSQL already accepts connections on $pg_host:$pg_port"
  exit 0
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "Nothing accepts connections on $pg_host:$pg_port and pg_ctlcluster is not installed: start PostgreSQL yourself" >&2
  exit 1
fi

cluster_version="${PG_CLUSTER_VERSION:-}"
cluster_name="${PG_CLUSTER_NAME:-main}"
if [[ -z "$cluster_version" ]]; then
  cluster_version="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)"
fi
if [[ -z "$cluster_version" ]]; then
  echo "No PostgreSQL cluster found under /etc/postgresql: create one with pg_createcluster or set PG_CLUSTER_VERSION" >&2
  exit 1
fi

echo "Starting PostgreSQL cluster $cluster_version/$cluster_name"
# --skip-systemctl-redirect makes pg_ctlcluster start the server itself instead of
# asking systemctl, which fails where systemd is not running (containers, CI runners).
pg_ctlcluster --skip-systemctl-redirect "$cluster_version" "$cluster_name" start

deadline=$((SECONDS + timeout_seconds))
until pg_isready -q -h "$pg_host" -p "$pg_port"; do
  if ((SECONDS >= deadline)); then
    echo "PostgreSQL cluster $cluster_version/$cluster_name started but $pg_host:$pg_port did not accept connections within ${timeout_seconds}s" >&2
    pg_lsclusters >&2 || true
    exit 1
  fi
  sleep 0.5
done
echo "PostgreSQL accepts connections on $pg_host:$pg_port"
