"""Benchmark: a full strict MkDocs build of N synthetic briefings (default 1,000).

Prints the build time, the number of pages, and the largest page of each kind in KB, so
the "profile under 200 KB" and "nav does not grow" targets can be checked by eye.

    .venv/bin/python scripts/bench_build.py [N]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from scripts.synthetic import generate_project  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate_project(root, n, seed=1)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        start = time.perf_counter()
        result = subprocess.run(
            [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--site-dir", str(root / "site")],
            cwd=root,
            capture_output=True,
            text=True,
            env=env,
        )
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            print(result.stderr[-3000:])
            raise SystemExit(1)
        pages = list((root / "site").rglob("*.html"))
        print(f"build: {n} briefings -> {len(pages)} HTML pages in {seconds:.1f} s")
        for section in ["briefings", "countries", "relations", "people", "organizations", "topics"]:
            sizes = [(p.stat().st_size, p) for p in (root / "site" / section).rglob("index.html")]
            if sizes:
                size, path = max(sizes)
                print(f"  largest {section} page: {size / 1024:.0f} KB ({path.parent.relative_to(root / 'site')})")
        for single in ["index.html", "timeline/index.html", "search/search_index.json"]:
            print(f"  {single}: {(root / 'site' / single).stat().st_size / 1024:.0f} KB")
        pagefind = root / "site" / "pagefind"
        if pagefind.is_dir():
            files = [p for p in pagefind.rglob("*") if p.is_file()]
            total = sum(p.stat().st_size for p in files)
            print(f"  pagefind/: {len(files)} files, {total / 1024:.0f} KB in all (a search loads a few of them)")


if __name__ == "__main__":
    main()
