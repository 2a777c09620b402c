"""A flag's period as people read it: the month, the day last heard of, the allocation."""

from __future__ import annotations

import pytest

from domain.words import Words, flag_period


@pytest.mark.parametrize(
    ("rule", "period", "words"),
    [
        ("overdue", "2009-03", Words("มี.ค. 2552", "Mar 2009")),
        ("late_start", "2008-10", Words("ต.ค. 2551", "Oct 2008")),
        ("stalled", "2009-01-12", Words("ล่าสุด 12 ม.ค. 2552", "last heard 2009-01-12")),
        ("over_budget_risk", "50000.00", Words("งบ 50,000 บาท", "allocation 50,000")),
    ],
)
def test_each_rule_names_its_period_in_both_languages(rule: str, period: str, words: Words) -> None:
    assert flag_period(rule, period) == words
