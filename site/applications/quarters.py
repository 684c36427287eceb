"""Move-in quarters: "2027-Q3" from the current quarter up to the end of the plan (2031, FACTS.md)."""

import re

from django.utils import timezone
from django.utils.translation import gettext

LAST_YEAR = 2031
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def quarters(today=None):
    """The quarters one may ask to move in: from today's quarter to Q4 of the plan's last year."""
    today = today or timezone.localdate()
    year, quarter = today.year, (today.month - 1) // 3 + 1
    choices = []
    while year <= LAST_YEAR:
        choices.append(f"{year}-Q{quarter}")
        quarter += 1
        if quarter > 4:
            year, quarter = year + 1, 1
    return choices


def quarter_label(code):
    """ "Q3 2027" in English, "3-й квартал 2027" in Russian; an unknown code as it is."""
    match = QUARTER.match(code or "")
    if not match:
        return code
    year, quarter = match.groups()
    return gettext("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}
