"""Instrument scores, bands and flags against hand-worked answer sets (domain/FACTS.md §4)."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from screener.forms import Form, FormCatalog, InstrumentScore

TODAY = date(2026, 11, 25)


@cache
def intake() -> Form:
    return FormCatalog.load().form("intake")


def score(instrument: str, answers: dict[str, object]) -> InstrumentScore:
    return intake().scores(answers, TODAY)[instrument]


def items(prefix: str, values: list[object]) -> dict[str, object]:
    return {f"{prefix}_{i}": v for i, v in enumerate(values, 1)}


def flag_ids(result: InstrumentScore) -> set[str]:
    return {f.id for f in result.flags}


# -- PHQ-9: 0-27; 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe, 20-27 severe

@pytest.mark.parametrize(
    ("values", "total", "band"),
    [
        ([0, 0, 0, 0, 0, 0, 0, 0, 0], 0, "minimal"),
        ([1, 1, 1, 1, 0, 0, 0, 0, 0], 4, "minimal"),
        ([1, 1, 1, 1, 1, 0, 0, 0, 0], 5, "mild"),
        ([2, 2, 2, 1, 1, 1, 0, 0, 0], 9, "mild"),
        ([2, 2, 2, 2, 1, 1, 0, 0, 0], 10, "moderate"),
        ([3, 3, 2, 2, 2, 1, 1, 0, 0], 14, "moderate"),
        ([3, 3, 3, 2, 2, 1, 1, 0, 0], 15, "moderately_severe"),
        ([3, 3, 3, 3, 3, 2, 1, 1, 0], 19, "moderately_severe"),
        ([3, 3, 3, 3, 3, 3, 1, 1, 0], 20, "severe"),
        ([3, 3, 3, 3, 3, 3, 3, 3, 3], 27, "severe"),
    ],
)
def test_phq9_total_and_band(values: list[int], total: int, band: str) -> None:
    result = score("phq9", items("phq9", values))
    assert result.score == total
    assert result.band is not None and result.band.id == band
    assert ("positive_screen" in flag_ids(result)) == (total >= 10)


def test_phq9_item9_raises_urgent_suicide_flag_whatever_the_total() -> None:
    result = score("phq9", items("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1]))
    assert result.score == 1 and result.band is not None and result.band.id == "minimal"
    (flag,) = [f for f in result.flags if f.id == "suicide_risk"]
    assert flag.urgent and "PHQ-9" in flag.label.en and flag.label.es


def test_phq9_incomplete_has_no_score_but_still_flags_item9() -> None:
    answers = items("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 2])
    del answers["phq9_4"]
    result = score("phq9", answers)
    assert result.score is None and result.band is None
    assert result.missing == {"phq9_4"}
    assert flag_ids(result) == {"suicide_risk"}


# -- GAD-7: 0-21; 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe

@pytest.mark.parametrize(
    ("values", "total", "band"),
    [
        ([0, 0, 0, 0, 0, 0, 0], 0, "minimal"),
        ([1, 1, 1, 1, 0, 0, 0], 4, "minimal"),
        ([1, 1, 1, 1, 1, 0, 0], 5, "mild"),
        ([3, 2, 1, 1, 1, 1, 0], 9, "mild"),
        ([3, 2, 2, 1, 1, 1, 0], 10, "moderate"),
        ([3, 3, 2, 2, 2, 1, 1], 14, "moderate"),
        ([3, 3, 3, 2, 2, 1, 1], 15, "severe"),
        ([3, 3, 3, 3, 3, 3, 3], 21, "severe"),
    ],
)
def test_gad7_total_and_band(values: list[int], total: int, band: str) -> None:
    result = score("gad7", items("gad7", values))
    assert result.score == total
    assert result.band is not None and result.band.id == band
    assert ("positive_screen" in flag_ids(result)) == (total >= 10)


# -- AUDIT-C: 0-12; positive men >= 4, women >= 3

@pytest.mark.parametrize(
    ("values", "gender", "total", "positive"),
    [
        ([0, 0, 0], "man", 0, False),
        ([0, 4, 4], "woman", 0, False),  # "never" drinks: items 2 and 3 count 0
        ([4, 4, 4], "man", 12, True),
        ([1, 1, 1], "man", 3, False),
        ([2, 1, 1], "man", 4, True),
        ([1, 1, 1], "woman", 3, True),
        ([1, 1, 0], "woman", 2, False),
        ([1, 1, 1], "non_binary", 3, True),  # other genders: the lower cut-off
        ([2, 1, 1], None, 4, True),  # at the men's cut-off: positive whatever the gender
    ],
)
def test_auditc_total_and_gender_cutoffs(
    values: list[int], gender: str | None, total: int, positive: bool
) -> None:
    answers = items("auditc", values)
    if gender is not None:
        answers["gender"] = gender
    result = score("auditc", answers)
    assert result.score == total
    assert ("positive_screen" in flag_ids(result)) is positive


def test_auditc_three_without_gender_is_not_flagged_yet() -> None:
    result = score("auditc", items("auditc", [1, 1, 1]))
    assert result.score == 3 and flag_ids(result) == set()


# -- DAST-10: 1 point per yes, item 3 reversed; 0 none, 1-2 low, 3-5 moderate, 6-8
#    substantial, 9-10 severe

def dast(yes: set[int]) -> dict[str, object]:
    return {f"dast10_{i}": i in yes for i in range(1, 11)}


@pytest.mark.parametrize(
    ("yes", "total", "band"),
    [
        ({3}, 0, "none"),  # the lowest possible: only "able to stop" answered yes
        (set(), 1, "low"),  # all "no": item 3 reversed scores 1
        ({1, 3}, 1, "low"),
        ({1, 2, 3}, 2, "low"),
        ({1, 2}, 3, "moderate"),
        ({1, 2, 3, 4, 5, 6}, 5, "moderate"),
        ({1, 2, 4, 5, 6}, 6, "substantial"),
        ({1, 2, 4, 5, 6, 7, 8}, 8, "substantial"),
        ({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 9, "severe"),
        ({1, 2, 4, 5, 6, 7, 8, 9, 10}, 10, "severe"),
    ],
)
def test_dast10_total_band_and_reversed_item3(yes: set[int], total: int, band: str) -> None:
    result = score("dast10", dast(yes))
    assert result.score == total
    assert result.band is not None and result.band.id == band
    assert ("positive_screen" in flag_ids(result)) == (total >= 3)


# -- PC-PTSD-5: gate "no" scores 0; otherwise 0-5, positive at the cut-off (3)

def test_pcptsd5_gate_no_scores_zero_even_with_stale_items() -> None:
    answers: dict[str, object] = {"pcptsd5_trauma": False, **items("pcptsd5", [True] * 5)}
    result = score("pcptsd5", answers)
    assert result.score == 0 and flag_ids(result) == set()


@pytest.mark.parametrize(
    ("values", "total", "positive"),
    [
        ([False] * 5, 0, False),
        ([True, True, False, False, False], 2, False),
        ([True, True, True, False, False], 3, True),
        ([True] * 5, 5, True),
    ],
)
def test_pcptsd5_items_after_gate_yes(values: list[bool], total: int, positive: bool) -> None:
    result = score("pcptsd5", {"pcptsd5_trauma": True, **items("pcptsd5", values)})
    assert result.score == total
    assert ("positive_screen" in flag_ids(result)) is positive


def test_pcptsd5_unanswered_gate_leaves_score_unknown() -> None:
    result = score("pcptsd5", items("pcptsd5", [True] * 5))
    assert result.score is None and "pcptsd5_trauma" in result.missing


def test_instrument_items_are_hidden_when_the_gate_says_so() -> None:
    state = intake().evaluate({"pcptsd5_trauma": False, "auditc_1": 0}, TODAY)
    assert not state.is_visible("pcptsd5_1")
    assert "pcptsd5_trauma" in state.visible_fields
    assert "auditc" not in state.visible_sections  # substance use not answered yes
    state = intake().evaluate({"substance_use_past_year": True, "auditc_1": 0}, TODAY)
    assert "auditc" in state.visible_sections and "dast10" in state.visible_sections
    assert "auditc_1" in state.visible_fields and "auditc_2" not in state.visible_fields


def test_score_expression_sees_instrument_scores() -> None:
    inputs = FormCatalog.load().inputs(items("phq9", [2] * 9), TODAY)
    assert inputs.scores["phq9"] == 18
    assert "dast10_1" in getattr(inputs.scores["dast10"], "missing", set())
