"""What the sheet takes from her locale when she does not choose: the paper and the week."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale

from backcare.core.week_sheet import Paper
from backcare.sheet.making import locale_first_weekday, locale_paper


@pytest.mark.parametrize(("name", "paper", "first"), [
    ("en_US", Paper.LETTER, 6),  # Letter, weeks from Sunday
    ("en_CA", Paper.LETTER, 6),
    ("es_MX", Paper.LETTER, 6),
    ("en_GB", Paper.A4, 0),  # A4, weeks from Monday
    ("de_DE", Paper.A4, 0),
    ("zh_CN", Paper.A4, 0),
    ("C", Paper.A4, 0),  # no territory: A4
])
def test_her_locale_gives_the_paper_and_the_first_day(name: str, paper: Paper, first: int
                                                      ) -> None:
    locale = QLocale(name)
    assert locale_paper(locale) is paper
    assert locale_first_weekday(locale) == first
