#!/usr/bin/env bash
# System packages the tests need, installed only when missing: Debian's chromium (the
# browser tests drive it with Playwright) and npm (fetches the widget manager and MathJax
# the browser tests serve in place of the CDN). Run by `make test`; safe to run again.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm >/dev/null
fi
echo "system test dependencies: chromium at $(command -v chromium)"
