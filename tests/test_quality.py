"""How good a plan is known to be, in words: the bound in money, a weak bound said plainly, and
whether more time would likely help."""

from __future__ import annotations

from shootplan.quality import describe_quality


def test_a_close_bound_says_how_much_could_still_be_saved() -> None:
    """A gap under half: the most that could still be saved and the cost no schedule goes under."""
    words = describe_quality(189_050, 176_650, runtime=60.0)
    assert words == ["at most 12,400 could still be saved: no schedule can cost less than 176,650"]


def test_a_weak_bound_says_plainly_that_it_proves_little() -> None:
    """A gap over half: no 'could still be saved' figure, only what the bound rules out."""
    words = describe_quality(349_050, 5_000, runtime=60.0)
    assert words == [
        "the bound proves little here: it only rules out schedules under 5,000,"
        " so how much more could be saved is unknown"
    ]
    assert "could still be saved" not in words[0] and "%" not in words[0]


def test_the_weak_bound_line_is_at_half() -> None:
    """Exactly half is still a useful bound; just over it is not."""
    assert describe_quality(10_000, 5_000, runtime=1.0)[0].startswith("at most 5,000 could still")
    assert describe_quality(10_000, 4_999, runtime=1.0)[0].startswith("the bound proves little")


def test_a_proven_plan_says_it_is_best_and_nothing_about_time() -> None:
    """Optimal (by status or by a bound at the cost): proven best, no advice on more time."""
    proven = ["proven best: no schedule can cost less than 54,300"]
    assert describe_quality(54_300, 54_300, runtime=2.0, last_improvement=1.9) == proven
    assert describe_quality(54_300, 50_000, runtime=2.0, last_improvement=1.9, proven=True) == proven


def test_no_bound_says_the_saving_is_unknown() -> None:
    """Without a bound (None or 0) the words say nothing can be told about further savings."""
    expected = "no lower bound proven yet: how much more could be saved is unknown"
    assert describe_quality(9_000, None, runtime=5.0) == [expected]
    assert describe_quality(9_000, 0.0, runtime=5.0) == [expected]


def test_a_late_improvement_says_more_time_would_likely_help() -> None:
    """The cost fell in the last quarter of the run: it was still falling when time ran out."""
    words = describe_quality(349_050, 5_000, runtime=60.2, last_improvement=58.0)
    assert words[1] == "the cost last fell at 58 s of 60: more time would likely help"


def test_an_early_improvement_says_how_long_nothing_better_was_found() -> None:
    """The cost last fell long before the end: the quiet time is stated, no advice to wait longer."""
    words = describe_quality(189_050, 176_650, runtime=60.0, last_improvement=20.0)
    assert words[1] == "no better schedule found in the last 40 s of 60"


def test_short_runs_count_tenths_of_a_second() -> None:
    """Runs under ten seconds are worded in tenths, so '0 s of 2' never appears."""
    words = describe_quality(9_000, 6_000, runtime=2.0, last_improvement=1.8)
    assert words[1] == "the cost last fell at 1.8 s of 2.0: more time would likely help"


def test_no_plan_no_words() -> None:
    """Without a schedule there is nothing to say about its quality; a plan of 0 is best."""
    assert describe_quality(None, None, runtime=3.0) == []
    assert describe_quality(0.0, None, runtime=3.0) == ["proven best: no schedule can cost less than 0"]
