"""The gap rule (domain/gap.py), branch by branch, and the analyst's assessment winning."""

import pytest

from negotiations_gui.domain import Assessment, Gap, PartialDate, Stance, derive_gap, effective_gap

S = Stance


@pytest.mark.parametrize("stances", [
    [],  # no principals at all
    [S.ACCEPTS],  # one principal only: a gap needs two sides
    [S.ACCEPTS, None],  # a principal with no position
    [None, None],
    [S.ACCEPTS, S.UNCLEAR],  # "unclear" is not a position one can judge
    [S.REJECTS, S.UNCLEAR],  # unknown wins even over a refusal
    [S.ACCEPTS, S.ACCEPTS, None],  # a third principal missing
])
def test_unknown_without_every_principals_clear_position(stances):
    assert derive_gap(stances) is Gap.UNKNOWN


@pytest.mark.parametrize("stances", [
    [S.ACCEPTS, S.ACCEPTS],
    [S.ACCEPTS, S.ACCEPTS, S.ACCEPTS],
])
def test_converged_when_every_principal_accepts(stances):
    assert derive_gap(stances) is Gap.CONVERGED


@pytest.mark.parametrize("stances", [
    [S.ACCEPTS, S.REJECTS],  # any refusal
    [S.OFFERS, S.RED_LINE],  # any red line
    [S.CONDITIONAL, S.CONDITIONAL, S.REJECTS],
    [S.DEMANDS, S.DEMANDS],  # nobody has moved from demanding
])
def test_wide_when_anyone_refuses_or_nobody_moves(stances):
    assert derive_gap(stances) is Gap.WIDE


@pytest.mark.parametrize("stances", [
    [S.DEMANDS, S.OFFERS],
    [S.DEMANDS, S.CONDITIONAL],
    [S.ACCEPTS, S.DEMANDS],
    [S.ACCEPTS, S.CONDITIONAL],  # close, but not everyone accepts
    [S.OFFERS, S.OFFERS],
])
def test_narrowing_when_nobody_refuses_and_someone_moves(stances):
    assert derive_gap(stances) is Gap.NARROWING


def test_accepts_with_refusal_is_wide_not_converged():
    assert derive_gap([S.ACCEPTS, S.RED_LINE]) is Gap.WIDE


def test_takes_any_iterable_once():
    assert derive_gap(iter([S.OFFERS, S.DEMANDS])) is Gap.NARROWING


def test_without_assessment_the_rule_decides():
    reading = effective_gap([S.DEMANDS, S.OFFERS], None)
    assert reading.gap is Gap.NARROWING
    assert reading.derived is Gap.NARROWING
    assert reading.by_analyst is False
    assert reading.assessment is None


def test_analysts_assessment_wins_and_keeps_the_derived_gap():
    assessment = Assessment("issue", PartialDate.parse("2025-08-15"), Gap.WIDE, "stalled")
    reading = effective_gap([S.DEMANDS, S.OFFERS], assessment)
    assert reading.gap is Gap.WIDE
    assert reading.derived is Gap.NARROWING
    assert reading.by_analyst is True
    assert reading.assessment is assessment


def test_analysts_unknown_also_wins():
    assessment = Assessment("issue", PartialDate.parse("2025-08"), Gap.UNKNOWN)
    reading = effective_gap([S.ACCEPTS, S.ACCEPTS], assessment)
    assert (reading.gap, reading.derived) == (Gap.UNKNOWN, Gap.CONVERGED)
