#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian machine, then run all of it:
# core and property tests, AppTest page tests and the browser tests (Playwright driving
# Debian's Chromium). Extra arguments go to pytest, e.g. `bash scripts/test.sh tests/core`.
#
# Screenshots of the browser stories go to $SCREENSHOT_DIR
# (default: test-artifacts/screenshots in the repository).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"
export SCREENSHOT_DIR="${SCREENSHOT_DIR:-$ROOT/test-artifacts/screenshots}"
source scripts/python_env.sh

# 1. Chromium from Debian's packages (never a browser download), only when missing.
if [ ! -x /usr/bin/chromium ]; then
    echo "== installing Debian's chromium (not found at /usr/bin/chromium)"
    apt_install chromium fonts-liberation fonts-dejavu-core
fi

# 2. Python packages, all pinned.
echo "== $PYTHON -m pip install -r requirements.txt"
"$PYTHON" -m pip install -q --disable-pip-version-check -r requirements.txt

# 3. The whole suite.
mkdir -p "$SCREENSHOT_DIR"
find "$SCREENSHOT_DIR" -maxdepth 1 -name "*.png" -delete  # last run's pictures only
echo "== pytest (browser screenshots go to $SCREENSHOT_DIR)"
status=0
"$PYTHON" -m pytest "$@" || status=$?
echo "== screenshots of the browser stories: $SCREENSHOT_DIR"
exit "$status"
