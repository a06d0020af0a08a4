"""The printed week read back as a person's tools read it: text, pages, images, fonts, sizes.

A week with every exercise (the largest sheet) is written once; poppler then finds every
exercise title, every day, the warning box and her emergency number in its text, renders every
page, finds no raster image (the figures are vectors from the figure painter), and lists only
embedded fonts. No text on the sheet is smaller than an 11 pt word written the same way.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from backcare.catalog import Catalog
from backcare.core.plan import Profile, default_plan
from backcare.core.week_sheet import Paper, WeekSheet
from backcare.sheet.canvas import BODY_MIN_PT, INK, PALE, RULE, SHADE, Canvas, TextStyle
from backcare.sheet.document import page_layout, write_pdf
from tests.sheet.conftest import every_exercise_plan, make_sheet, pages_of, poppler

MAX_BYTES = 500 * 1024
DAYS = ("Mon 23", "Tue 24", "Wed 25", "Thu 26", "Fri 27", "Sat 28", "Sun 29")
_WORD = re.compile(r'<word xMin="[^"]+" yMin="([^"]+)" xMax="[^"]+" yMax="([^"]+)">')


@pytest.fixture(scope="module")
def full(qapp: QApplication, catalog: Catalog, tmp_path_factory: pytest.TempPathFactory
         ) -> tuple[WeekSheet, Path, int]:
    sheet = make_sheet(catalog, every_exercise_plan(catalog))
    path = tmp_path_factory.mktemp("sheet") / "routine.pdf"
    pages = write_pdf(path, sheet, catalog.poses, Paper.A4)
    return sheet, path, pages


def test_the_text_has_every_title_every_day_the_warning_box_and_her_number(
    full: tuple[WeekSheet, Path, int], catalog: Catalog
) -> None:
    sheet, path, _ = full
    text = poppler("pdftotext", str(path), "-")
    assert {c.exercise.id for c in sheet.cards} == {e.id for e in catalog.exercises}
    for card in sheet.cards:
        assert card.exercise.title in text, card.exercise.title
    page_one = poppler("pdftotext", "-f", "1", "-l", "1", str(path), "-")
    for day in DAYS:
        assert day in page_one
    for card in sheet.cards:  # the key under the grid names them all
        assert card.exercise.title in " ".join(page_one.split())
    assert "Call 999 now" in text  # the warning box, headed with her number
    assert sheet.warnings.signs[0].text.split(",")[0] in text
    assert "If you have any of these, call 999 straight away" in " ".join(text.split())
    assert "Get help today" in text and "NHS 111" in text


def test_each_card_starts_a_page_with_its_number_and_title(full: tuple[WeekSheet, Path, int]
                                                           ) -> None:
    sheet, path, pages = full
    firsts = [poppler("pdftotext", "-f", str(n), "-l", str(n), str(path), "-").split("\n")[0]
              for n in range(1, pages + 1)]
    for number, card in enumerate(sheet.cards, start=1):
        assert f"{number}. {card.exercise.title}" in firsts


def _darkest(pgm: Path) -> int:
    """The darkest pixel of a binary PGM (P5) page image."""
    data = pgm.read_bytes()
    fields = data.split(maxsplit=4)  # P5, width, height, maxval, pixels
    return min(fields[4])


def test_every_page_renders(full: tuple[WeekSheet, Path, int], tmp_path: Path) -> None:
    _, path, pages = full
    assert pages_of(path) == pages >= len(full[0].cards) + 2
    poppler("pdftoppm", "-r", "30", "-gray", str(path), str(tmp_path / "page"))
    images = sorted(tmp_path.glob("page-*.pgm"))
    assert len(images) == pages
    assert all(_darkest(image) < 60 for image in images)  # each page has ink on it


def test_the_figures_are_vectors_not_images(full: tuple[WeekSheet, Path, int]) -> None:
    listing = poppler("pdfimages", "-list", str(full[1]))
    rows = [line for line in listing.splitlines()[2:] if line.strip()]
    assert rows == []


def test_a_week_with_every_exercise_is_under_500_kb(full: tuple[WeekSheet, Path, int]) -> None:
    assert 20_000 < full[1].stat().st_size < MAX_BYTES


def test_every_font_is_embedded(full: tuple[WeekSheet, Path, int]) -> None:
    listing = poppler("pdffonts", str(full[1])).splitlines()[2:]
    assert listing, "no fonts listed"
    for row in listing:
        # name, type (two words), encoding, emb, sub, uni, object, id
        assert row.split()[-5] == "yes", row


def _word_heights(pdf: Path) -> list[float]:
    boxes = poppler("pdftotext", "-bbox", str(pdf), "-")
    return [float(y1) - float(y0) for y0, y1 in _WORD.findall(boxes)]


def test_no_text_is_smaller_than_11_pt_and_headings_are_larger(
    full: tuple[WeekSheet, Path, int], tmp_path: Path
) -> None:
    reference = tmp_path / "eleven.pdf"
    writer = QPdfWriter(str(reference))
    writer.setPageLayout(page_layout(Paper.A4))
    painter = QPainter(writer)
    Canvas(writer).text(painter, TextStyle.BODY, QRectF(500, 500, 8000, 2000), "Eleven")
    painter.end()
    del writer
    (eleven,) = _word_heights(reference)
    heights = _word_heights(full[1])
    assert min(heights) >= eleven * 0.99
    assert max(heights) >= eleven * 1.6  # the titles, at 20 pt


def test_the_styles_are_11_pt_or_more_and_the_ink_is_grey() -> None:
    assert min(style.points for style in TextStyle) >= BODY_MIN_PT == 11.0
    headings = (TextStyle.HEADING, TextStyle.SECTION, TextStyle.TITLE)
    assert all(h.points > TextStyle.BODY.points for h in headings)
    for colour in (INK, RULE, SHADE, PALE):  # no meaning can hang on a colour
        assert colour.red() == colour.green() == colour.blue()


@pytest.mark.parametrize(("paper", "size"), [(Paper.A4, "595 x 842"), (Paper.LETTER, "612 x 792")])
def test_page_one_holds_her_week_and_the_warning_box_on_either_paper(
    qapp: QApplication, catalog: Catalog, tmp_path: Path, paper: Paper, size: str
) -> None:
    """Her usual week (the default plan, a caesarean in October): the grid, the calcium line
    and the signs that need a call now on page 1; the tips and the same-day signs on page 2."""
    plan = replace(default_plan(), profile=Profile(date(2026, 10, 14), "caesarean", country="GB"))
    path = tmp_path / "week.pdf"
    write_pdf(path, make_sheet(catalog, plan), catalog.poses, paper)
    assert f"Page size:       {size} pts" in poppler("pdfinfo", str(path))
    one = " ".join(poppler("pdftotext", "-f", "1", "-l", "1", str(path), "-").split())
    for words in ("Your back-care week", "Mon 23", "Sun 29", "week 6", "Calcium total",
                  "target 1,000 mg", "Posture breaks", "Call 999 now",
                  "The signs to get help the same day are on page 2."):
        assert words in one, words
    two = " ".join(poppler("pdftotext", "-f", "2", "-l", "2", str(path), "-").split())
    assert "Posture and lifting" in two and "Bend your knees to pick things up." in two
    assert "Get help today" in two
