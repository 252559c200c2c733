#!/usr/bin/env bash
# Create .venv (if missing) and install the locked dependencies and this package into it.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
# Installed again when the lock or pyproject.toml (the package's commands, its version) changes.
stamp=.venv/.lock-installed
if [ ! -f "$stamp" ] || ! cat requirements.lock pyproject.toml | cmp -s - "$stamp"; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
  cat requirements.lock pyproject.toml > "$stamp"
fi
