#!/usr/bin/env bash
# Installs what the tests need beyond npm, from the distribution's packages: a PostgreSQL server
# (the tests start their own throwaway cluster with it) and a Chromium (the report's page is
# checked in it, driven by playwright-core: no browser download). Does nothing for what is there.
# GitHub's Ubuntu runners already carry Chromium and Chrome; Debian's `chromium` package is
# installed where no browser is found (Ubuntu's is a snap wrapper, of no use in a container).
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
browser=""
for name in chromium chromium-browser google-chrome; do
  command -v "$name" >/dev/null 2>&1 && browser="$name" && break
done
if [ -z "$browser" ]; then
  if grep -qx 'ID=debian' /etc/os-release 2>/dev/null; then
    missing+=(chromium)
  else
    echo "No Chromium found and this is not Debian: the report's browser tests will be skipped."
  fi
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing ${missing[*]} from the distribution's packages for the tests..."
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
