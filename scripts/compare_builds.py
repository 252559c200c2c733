"""Build the same content with the code of another revision and with the working tree, and list the
built files that differ: the check that a refactor changed no published byte.

    .venv/bin/python scripts/compare_builds.py REV [--synthetic N] [--seed S]

Both builds use the working tree's content, site_config/*.yml, docs/ and mkdocs.yml, and the same
SOURCE_DATE_EPOCH; each uses its own revision's generator/ and site_config/ templates and overrides.
With --synthetic N, the content is a generated tree of N briefings (scripts/synthetic.py) instead.
Exit status 0 when every file is identical, 1 otherwise. The few Pagefind files whose order changes from
run to run (generator/site/pagefind.py UNSTABLE) are not compared.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1764000000"


def export_revision(rev: str, dest: Path) -> None:
    """generator/ and site_config/ of a revision, as files (no worktree, nothing left behind)."""
    dest.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", rev, "generator", "site_config"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)


def project(code: Path, content: Path, dest: Path) -> Path:
    """A project: the content's own tree, with the templates and overrides of `code`."""
    shutil.copytree(content, dest, ignore=shutil.ignore_patterns("site", ".git", ".venv", "node_modules"))
    for folder in ("templates", "overrides"):
        shutil.rmtree(dest / "site_config" / folder, ignore_errors=True)
        shutil.copytree(code / "site_config" / folder, dest / "site_config" / folder)
    return dest


def build(code: Path, root: Path, out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(code), "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from generator.cli import main; main()",
            "--root",
            str(root),
            "build",
            "--site-dir",
            str(out),
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=code,
    )
    if done.returncode != 0:
        raise SystemExit(f"the build with {code} failed:\n{done.stdout}{done.stderr}")


def differing(a: Path, b: Path) -> list[str]:
    from generator.site.pagefind import UNSTABLE  # Pagefind's few files whose order changes from run to run

    out: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        for names, note in ((cmp.left_only, " (only before)"), (cmp.right_only, " (only after)"), (cmp.diff_files, "")):
            out.extend(f"{prefix}{n}{note}" for n in names if not UNSTABLE.match(f"{prefix}{n}"))
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b, ignore=[]), "")
    return sorted(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev")
    parser.add_argument("--synthetic", type=int, default=0, help="build a synthetic tree of N briefings")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        content = ROOT
        if args.synthetic:
            sys.path.insert(0, str(ROOT))
            from scripts.synthetic import generate_project

            content = work / "synthetic"
            generate_project(content, args.synthetic, seed=args.seed)
        export_revision(args.rev, work / "before-code")
        sites = {}
        for name, code in (("before", work / "before-code"), ("after", ROOT)):
            root = project(code, content, work / f"{name}-project")
            sites[name] = work / f"{name}-site"
            build(code, root, sites[name])
        files = sum(1 for p in sites["after"].rglob("*") if p.is_file())
        diff = differing(sites["before"], sites["after"])
    for line in diff:
        print(line)
    print(f"{len(diff)} of {files} built files differ between {args.rev} and the working tree", file=sys.stderr)
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
