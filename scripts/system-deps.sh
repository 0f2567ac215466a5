#!/usr/bin/env bash
# System packages the test suite needs beyond Node: Debian's chromium (browser
# end-to-end tests; the API's GET /report.pdf), poppler-utils (the e2e renders
# the report PDF to PNG and reads its text), postgresql (the benchmark's comparison engine) and
# docker-compose (validates docker-compose.yml in CI). Installs the missing ones
# with apt-get when run as root; otherwise says what to install and fails.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v docker-compose >/dev/null || need+=(docker-compose)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages for the tests: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "The tests need these Debian packages: ${need[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
