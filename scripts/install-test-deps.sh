#!/usr/bin/env bash
# Installs what the tests need beyond npm: a PostgreSQL server from Debian's packages (the tests
# start their own throwaway cluster with it). Does nothing when it is already there.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
echo "Installing PostgreSQL from Debian's packages for the tests..."
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
