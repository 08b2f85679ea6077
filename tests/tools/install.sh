#!/usr/bin/env bash
# Installs what the browser and contract tests need and nothing else: Debian's Chromium (never Playwright's own
# browser download) with a font for the charts' labels, and from npm axe-core and Redocly's CLI into tests/tools/node_modules (git-ignored).
# Run by .ci/run, and by the tests themselves when something is missing. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ] || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq -o DPkg::Lock::Timeout=300 chromium fonts-dejavu-core >/dev/null
  else
    echo "tests/tools/install.sh: install Debian's chromium and fonts-dejavu-core (apt-get install -y chromium fonts-dejavu-core) and run again" >&2
    exit 1
  fi
fi

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "tests/tools/install.sh: install Node.js and npm and run again" >&2
    exit 1
  fi
fi

if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -x node_modules/.bin/redocly ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
