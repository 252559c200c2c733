"""Benchmark: the entity graph on 2,000 synthetic briefings.

Prints how long related briefings and mentions/backlinks take (target: under
1 s together on a 2-core machine), the whole index, and the page rendering.

    .venv/bin/python scripts/bench_graph.py [N]
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from generator.content.entities import Corpus  # noqa: E402
from generator.content.project import Project, read_project  # noqa: E402
from generator.graph.index import build_index  # noqa: E402
from generator.graph.mentions import find_mentions  # noqa: E402
from generator.graph.related import related_briefings  # noqa: E402
from generator.site.render import Settings, render_site  # noqa: E402
from scripts.synthetic import generate_project  # noqa: E402


def best_of(runs: int, fn: object) -> float:
    """Best CPU time of a few runs: steadier than wall time when other work shares the cores."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()  # type: ignore[operator]
        times.append(time.process_time() - start)
    return min(times)


def with_mentions(corpus: Corpus) -> Corpus:
    """Synthetic bodies are random words; name every listed entity in a sentence, as real ones do."""
    out = []
    for b in corpus.briefings:
        names = (
            [corpus.countries[c].name for c in b.countries]
            + [corpus.people[p].name for p in b.people]
            + [corpus.organizations[o].name for o in b.organizations]
        )
        extra = " ".join(f"Here {name} is named in a sentence of its own." for name in names)
        out.append(dataclasses.replace(b, body=f"{b.body}\n\n{extra}\n"))
    return dataclasses.replace(corpus, briefings=tuple(out))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate_project(root, n, seed=1)
        corpus, problems = read_project(Project.at(root))
        assert not problems, problems[:3]
        corpus = with_mentions(corpus)
        related = best_of(3, lambda: related_briefings(corpus.briefings))
        mentions = best_of(3, lambda: [find_mentions(b, corpus) for b in corpus.briefings])
        index = best_of(3, lambda: build_index(corpus))
        settings = Settings(root / "site_config" / "templates")
        graph = build_index(corpus)
        start = time.perf_counter()
        pages = render_site(graph, settings)
        render = time.perf_counter() - start
        backlinks = sum(len(v) for v in graph.mentioned_in.values())
        print(
            f"graph: {len(corpus.briefings)} briefings, {len(graph.pairs)} country pairs, "
            f"{len(graph.events)} events, {backlinks} backlinks"
        )
        print(
            f"CPU time, best of 3 -- related briefings: {related:.3f} s; mentions and backlinks: {mentions:.3f} s; "
            f"together {related + mentions:.3f} s (target < 1 s)"
        )
        print(f"whole index: {index:.3f} s; rendering {len(pages)} pages: {render:.3f} s")


if __name__ == "__main__":
    main()
