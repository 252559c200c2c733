#!/usr/bin/env bash
# Build the site into site/ from content/: checks the content, then a strict MkDocs build.
set -euo pipefail
export NO_MKDOCS_2_WARNING=1
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/briefing check
.venv/bin/mkdocs build --strict --site-dir site "$@"
echo "built: $(pwd)/site/index.html"
