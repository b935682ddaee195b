from datetime import date

import pytest

from portfolio.evidence.registration_year import registration_year_containing


@pytest.mark.parametrize(
    ("day", "starts", "ends"),
    [
        (date(2026, 11, 26), date(2025, 12, 1), date(2026, 11, 30)),
        (date(2026, 11, 30), date(2025, 12, 1), date(2026, 11, 30)),
        (date(2026, 12, 1), date(2026, 12, 1), date(2027, 11, 30)),
        (date(2027, 1, 1), date(2026, 12, 1), date(2027, 11, 30)),
    ],
)
def test_registration_year_runs_from_1_december_to_30_november(day, starts, ends):
    year = registration_year_containing(day)
    assert (year.starts, year.ends) == (starts, ends)


def test_renewal_window_opens_on_1_september():
    year = registration_year_containing(date(2026, 10, 1))
    assert not year.in_renewal_window(date(2026, 8, 31))
    assert year.in_renewal_window(date(2026, 9, 1))
    assert year.in_renewal_window(date(2026, 11, 30))
    assert year.days_left(date(2026, 11, 26)) == 4
