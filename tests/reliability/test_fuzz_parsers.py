"""Parser fuzzing (hypothesis): forms YAML, rules YAML, answers files, bundle manifests,
expressions.

Criterion: nothing but the declared error type of each parser escapes (FormError,
RuleError, AnswerError, BundleError, ExprError); each input under 1 s of CPU (garbage
collection of the harness's own heap left out). Not wall time: the long run shares two
cores, and a busy moment stretched a 1 ms example past a wall-clock second; hypothesis's
deadline of 5 s still catches a hang. Short run: 300 examples each; `--long`: 100,000 each.
The YAML bombs and Python tags have their own test (`test_yaml_bombs.py`).
"""

from __future__ import annotations

import gc
import os
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screener import paths
from screener.errors import AnswerError, BundleError, ExprError, FormError, RuleError
from screener.expr import compile_expression
from screener.forms import check_files
from screener.rules.catalog import catalog_from_forms
from screener.rules.loader import load_rules
from screener.services.screening import load_setup, read_answers_file
from screener.sync.manifest import Manifest, parse_manifest
from tests.reliability import fuzzing
from tests.reliability.figures import scale

#: SCREENER_FUZZ_EXAMPLES overrides the count (e.g. for a run between the short and long one).
EXAMPLES = int(os.environ.get("SCREENER_FUZZ_EXAMPLES", scale(300, 100_000)))
#: What one input may cost, in CPU seconds of the parsing thread.
LIMIT_CPU_S = 1.0
FUZZ = settings(max_examples=EXAMPLES, deadline=timedelta(seconds=5), database=None,
                suppress_health_check=list(HealthCheck))


_GC_SECONDS = [0.0]  # thread CPU seconds spent in garbage collection so far
_gc_started = [0.0]


def _time_gc(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _gc_started[0] = time.thread_time()
    else:
        _GC_SECONDS[0] += time.thread_time() - _gc_started[0]


gc.callbacks.append(_time_gc)


class Tally:
    """Examples run, how each ended, and the slowest one."""

    def __init__(self) -> None:
        self.runs = 0
        self.errors = 0
        self.slowest = 0.0

    def run(self, fn: Callable[[], object], declared: type[Exception]) -> None:
        """Run one example; `fn` may also report a refusal by returning error diagnostics."""
        collecting = _GC_SECONDS[0]
        start = time.thread_time()
        try:
            result = fn()
            if isinstance(result, list) and any(getattr(d, "is_error", False) for d in result):
                self.errors += 1
        except declared:
            self.errors += 1
        finally:
            self.runs += 1
            # The collector's passes over the harness's own heap (hypothesis keeps hundreds
            # of MB by the long run's end) are not the parser's cost.
            cpu = time.thread_time() - start - (_GC_SECONDS[0] - collecting)
            self.slowest = max(self.slowest, cpu)
        assert cpu < LIMIT_CPU_S, f"one input took {cpu:.2f} s of CPU"

    def figure(self, what: str) -> str:
        return (f"{what}: {self.runs:,} examples, {self.errors:,} refused with the declared "
                f"error, 0 other exceptions, slowest {self.slowest * 1000:.0f} ms of CPU")


@pytest.fixture(scope="module")
def work() -> Path:
    return Path(tempfile.mkdtemp(prefix="screener-fuzz-"))


def _manifest() -> bytes:
    return Manifest(
        bundle_id="0b0e7c3c-5a65-4cf3-9b1e-1f2d3c4b5a69", kind="field-to-office",
        device_id="1b0e7c3c-5a65-4cf3-9b1e-1f2d3c4b5a69", device_name="Laptop 7",
        recipient_id="2b0e7c3c-5a65-4cf3-9b1e-1f2d3c4b5a69", created_at="2026-11-25T18:00:00.000Z",
        app_version="0.1.0", schema_version=4, forms=(("intake", "1"),), rules=(("housing", "2"),),
        counts=(("answer", 3), ("client", 1)), since_seq=0, until_seq=9, full=True, chunks=1,
        payload_bytes=100, payload_sha256="a" * 64,
    ).to_bytes()


def _answer_seeds() -> list[str]:
    seeds = []
    for text in fuzzing.seed_texts("rules/tests/*.yaml"):
        for case in yaml.safe_load(text) or []:
            if isinstance(case, dict) and isinstance(case.get("answers"), dict):
                seeds.append(yaml.safe_dump(case["answers"], allow_unicode=True))
    return seeds


def test_fuzz_form_files(work: Path, figures: Callable[[str], None]) -> None:
    tally = Tally()
    root = work / "forms"
    root.mkdir(exist_ok=True)
    target = root / "fuzzed.yaml"

    @FUZZ
    @given(fuzzing.yaml_texts(fuzzing.seed_texts("forms/**/*.yaml")))
    def run(text: str) -> None:
        target.write_text(text, "utf-8", errors="surrogatepass")
        tally.run(lambda: check_files([target], root), FormError)

    run()
    figures(tally.figure("forms YAML"))


def test_fuzz_rule_files(work: Path, figures: Callable[[str], None]) -> None:
    tally = Tally()
    folder = work / "rules"
    folder.mkdir(exist_ok=True)
    target = folder / "fuzzed.yaml"
    catalog = catalog_from_forms(load_setup().forms)
    resources = paths.resources_dir()

    def load() -> object:
        return load_rules(folder, catalog, providers=resources / "programs.yaml",
                          documents=resources / "documents.yaml")

    @FUZZ
    @given(fuzzing.yaml_texts(fuzzing.seed_texts("rules/*.yaml", "rules/tests/*.yaml")))
    def run(text: str) -> None:
        target.write_text(text, "utf-8", errors="surrogatepass")
        tally.run(load, RuleError)

    run()
    figures(tally.figure("rules YAML"))


def test_fuzz_answers_files(work: Path, figures: Callable[[str], None]) -> None:
    tally = Tally()
    forms = load_setup().forms
    target = work / "answers.yaml"

    @FUZZ
    @given(fuzzing.answer_files(sorted(forms.field_ids()), _answer_seeds()))
    def run(text: str) -> None:
        target.write_text(text, "utf-8", errors="surrogatepass")
        tally.run(lambda: read_answers_file(target, forms), AnswerError)

    run()
    figures(tally.figure("answers files"))


def test_fuzz_bundle_manifests(figures: Callable[[str], None]) -> None:
    tally = Tally()
    valid = _manifest()
    parse_manifest(valid, 4)  # the seed itself is valid

    @FUZZ
    @given(fuzzing.manifests(valid))
    def run(data: bytes) -> None:
        tally.run(lambda: parse_manifest(data, 4), BundleError)

    run()
    figures(tally.figure("bundle manifests"))


def test_fuzz_expressions(figures: Callable[[str], None]) -> None:
    tally = Tally()
    answers: dict[str, Any] = {"a": 3, "b": [1, "x"], "c": date(2020, 2, 29)}

    def compile_and_run(text: str) -> None:
        compile_expression(text).evaluate(answers, date(2026, 11, 25), params={"p": 1},
                                          scores={"phq9": 3})

    @FUZZ
    @given(fuzzing.expression_texts())
    def run(text: str) -> None:
        tally.run(lambda: compile_and_run(text), ExprError)

    run()
    figures(tally.figure("expressions"))


def test_the_tally_lets_undeclared_errors_through() -> None:
    tally = Tally()
    with pytest.raises(KeyError):
        tally.run(lambda: {}["missing"], ExprError)
    assert tally.runs == 1 and tally.errors == 0
    assert st is not None
