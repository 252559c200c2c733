"""Time `briefing check` over 1,000 synthetic briefings (target: under 2 s), and on one changed file
of that tree, as the pre-commit hook runs it (target: under 1 s).

    .venv/bin/python scripts/bench_check.py [-n 1000] [--seed 1] [--repeat 3]

Generates a temporary project (scripts/synthetic.py), times `read_project` in this process (the
work `briefing check` does), the CLI end to end (`briefing --root TMP check` in a subprocess,
interpreter start-up and imports included) and the hook's command (`briefing check FILE` with one
briefing of the tree), and prints the best of --repeat runs of each, then the CPU time of those
runs (on a busy machine, wall-clock time mostly measures the other processes).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import generate_project  # noqa: E402

from generator.content.project import Project, read_project  # noqa: E402

BRIEFING = Path(sys.executable).parent / "briefing"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("-n", "--briefings", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        root = Path(tmp)
        generate_project(root, args.briefings, args.seed)
        project = Project.at(root)
        in_process, in_process_cpu = [], []
        for _ in range(args.repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            corpus, problems = read_project(project)
            in_process.append(time.perf_counter() - start)
            in_process_cpu.append(time.process_time() - start_cpu)
        if problems or len(corpus.briefings) != args.briefings:
            print("\n".join(p.text() for p in problems[:20]), file=sys.stderr)
            print(f"synthetic content is not valid: {len(problems)} problem(s)", file=sys.stderr)
            return 1
        whole = _time_cli([str(BRIEFING), "--root", str(root), "check"], args.repeat)
        one_file = sorted((root / "content" / "briefings").glob("*.md"))[args.briefings // 2]
        hook = _time_cli([str(BRIEFING), "--root", str(root), "check", str(one_file)], args.repeat)
        if whole is None or hook is None:
            return 1
    print(f"check: {args.briefings} briefings in {min(in_process):.2f} s (cli {whole[0]:.2f} s)")
    print(f"cpu: {min(in_process_cpu):.2f} s (cli {whole[1]:.2f} s)")
    print(
        f"pre-commit hook: `briefing check FILE` on one briefing of {args.briefings}: {hook[0]:.2f} s "
        f"(cpu {hook[1]:.2f} s; target < 1 s)"
    )
    return 0


def _time_cli(command: list[str], repeat: int) -> tuple[float, float] | None:
    """(best wall time, best CPU time) of a command run `repeat` times; None if it failed."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), _children_cpu()
        result = subprocess.run(command, capture_output=True, text=True)
        wall.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - start_cpu)
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            return None
    return min(wall), min(cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    sys.exit(main())
