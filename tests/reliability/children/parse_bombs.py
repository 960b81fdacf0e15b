"""Child process: feed YAML bombs and Python tags to one of Screener's YAML readers.

Usage: python parse_bombs.py forms|rules|answers WORKDIR

Prints one JSON line per bomb: `{"bomb", "error" (the exception's type name, "" if it was
accepted), "seconds", "maxrss_mb" (this process's peak so far)}`. Run in its own process so
the memory figure is the reader's alone.
"""

from __future__ import annotations

import functools
import json
import resource
import sys
import time
from pathlib import Path

from screener import paths
from screener.forms import FormCatalog, check_files
from screener.rules.catalog import catalog_from_forms
from screener.rules.loader import load_rules
from screener.services.screening import load_setup, read_answers_file

LEVELS = "abcdefghij"
PWNED = "pwned-by-yaml"


def laughs(prefix: str) -> str:
    """Ten levels of nine aliases each: 10^9 values once expanded."""
    lines = [f"{prefix}  - &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{prefix}  - &{c} [" + ", ".join([f"*{p}"] * 9) + "]"
              for p, c in zip(LEVELS, LEVELS[1:], strict=False)]
    return "\n".join(lines) + "\n"


def bombs(work: Path) -> dict[str, str]:
    """Each bomb as the text of an answers/rule/form file (the first key is one the reader
    knows, so the bomb is reached)."""
    marker = work / PWNED
    big = "y" * 100_000
    return {
        "billion laughs (lists)": "race_ethnicity:\n" + laughs(""),
        "billion laughs (mappings)": "id: x\nversion: 1\ntitle: t\nsections:\n  - &a {x: 1, y: 2}\n"
        + "".join(f"  - &{c} {{" + ", ".join(f"k{i}: *{p}" for i in range(9)) + "}\n"
                  for p, c in zip(LEVELS, LEVELS[1:], strict=False)),
        "aliases to one large value": f"race_ethnicity_detail: &a '{big}'\nbooking_number: [" +
        ", ".join(["*a"] * 5000) + "]\n",
        "self-referencing alias": "race_ethnicity: &a [x, *a]\n",
        "deep flow nesting": "race_ethnicity: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "deep block nesting": "id:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 3000)),
        "huge file": "race_ethnicity_detail: '" + "z" * (8 << 20) + "'\n",
        "python object/apply": f"id: !!python/object/apply:os.mkdir ['{marker}']\n",
        "python object/new": "id: !!python/object/new:os.system ['touch " + str(marker) + "']\n",
        "python name": "id: !!python/name:os.system\n",
        "python module": "id: !!python/module:os\n",
        "python tag in a key": f"? !!python/object/apply:os.mkdir ['{marker}']\n: 1\n",
        "binary tag": "id: !!binary aGVsbG8=\n",
    }


@functools.cache
def _forms() -> FormCatalog:
    return load_setup().forms


def parse(kind: str, path: Path) -> None:
    """Read `path` as a form file, a rule file (alone in its folder) or an answers file."""
    if kind == "forms":
        diagnostics = check_files([path], path.parent)
        if any(d.is_error for d in diagnostics):
            raise ValueError("refused")  # reported as a diagnostic, as the CLI prints it
    elif kind == "rules":
        resources = paths.resources_dir()
        load_rules(path.parent, catalog_from_forms(_forms()),
                   providers=resources / "programs.yaml", documents=resources / "documents.yaml")
    else:
        read_answers_file(path, _forms())


def main() -> None:
    kind, work = sys.argv[1], Path(sys.argv[2])
    _forms()  # loaded before the first bomb
    for name, text in bombs(work).items():
        folder = work / f"{kind}-{abs(hash(name))}"
        folder.mkdir(parents=True)
        path = folder / "bomb.yaml"
        path.write_text(text)
        start = time.perf_counter()
        error = ""
        try:
            parse(kind, path)
        except Exception as exc:  # noqa: BLE001 - the test checks the type is the declared one
            error = "diagnostic" if str(exc) == "refused" else type(exc).__name__
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"bomb": name, "error": error, "seconds": round(seconds, 3),
                          "maxrss_mb": round(peak), "pwned": (work / PWNED).exists()}),
              flush=True)


if __name__ == "__main__":
    main()
