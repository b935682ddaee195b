"""Social Work England's registration year: 1 December to 30 November.

Renewal (and the yearly CPD requirement) closes at 23:59 on 30 November; the
renewal window opens on 1 September.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RegistrationYear:
    starts: date
    ends: date

    @property
    def renewal_opens(self) -> date:
        return date(self.ends.year, 9, 1)

    def days_left(self, today: date) -> int:
        return max((self.ends - today).days, 0)

    def in_renewal_window(self, today: date) -> bool:
        return self.renewal_opens <= today <= self.ends


def registration_year_containing(day: date) -> RegistrationYear:
    start_year = day.year if day.month == 12 else day.year - 1
    return RegistrationYear(
        starts=date(start_year, 12, 1), ends=date(start_year + 1, 11, 30)
    )
