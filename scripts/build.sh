#!/usr/bin/env bash
# Build the site into site/ from content/: checks the content, then a strict MkDocs build into a new
# folder that replaces site/ only when the build has passed (a failed or interrupted build leaves the
# previous site/ as it was).
set -euo pipefail
export NO_MKDOCS_2_WARNING=1
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/briefing check
.venv/bin/briefing build --site-dir site "$@"
echo "built: $(pwd)/site/index.html"
