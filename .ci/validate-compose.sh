#!/usr/bin/env bash
# Validates docker-compose.yml and the Dockerfile offline (no Docker engine needed).
# Installs Debian's docker-compose (1.29, whose `config` works without a daemon) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker-compose >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq docker-compose >/dev/null
fi

docker-compose -f docker-compose.yml config -q
grep -q 'target/newsflow.jar' Dockerfile
grep -q '^ENTRYPOINT' Dockerfile
echo "docker-compose.yml and Dockerfile are valid"
