"""`backcare figures --contact-sheet FILE.png`: every step of every exercise on one image, each
figure with its words under it and the list thumbnail at the start of its row."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from backcare.catalog import load_catalog
from backcare.cli import main
from backcare.figures.contact_sheet import CELL, PAD, THUMB, TITLE_W
from backcare.figures.painter import BACKGROUND


def _ink(image: QImage, x0: int, y0: int, x1: int, y1: int) -> int:
    white = BACKGROUND.rgb() & 0xFFFFFF
    return sum(1 for y in range(y0, y1, 2) for x in range(x0, x1, 2)
               if image.pixel(x, y) & 0xFFFFFF != white)


def test_the_sheet_holds_every_step_with_its_words(qapp, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "review" / "sheet.png"
    assert main(["figures", "--contact-sheet", str(path)]) == 0
    catalog = load_catalog()
    steps = sum(len(e.steps) for e in catalog.exercises)
    assert f"{steps} steps" in capsys.readouterr().out
    image = QImage(str(path))
    longest = max(len(e.steps) for e in catalog.exercises)
    assert image.width() == TITLE_W + longest * (CELL.width() + PAD) + PAD
    # a row per exercise, each at least a figure and a line of words tall
    assert image.height() > len(catalog.exercises) * (CELL.height() + 2 * PAD + 14)
    first = catalog.exercises[0]
    top = PAD
    for i in range(len(first.steps)):  # the figure, then its words in the band below it
        left = TITLE_W + i * (CELL.width() + PAD)
        right, bottom = left + CELL.width() - 2, top + CELL.height() - 2
        assert _ink(image, left + 2, top + 2, right, bottom) > 500
        words = top + CELL.height() + PAD // 2
        assert _ink(image, left, words, left + CELL.width(), words + 30) > 40, i
    # the thumbnail sits under the title at the list's size
    assert _ink(image, PAD, top + 30, PAD + THUMB.width(), top + 30 + THUMB.height()) > 200


def test_figures_needs_somewhere_to_write(qapp, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figures"]) == 2
    assert "--contact-sheet" in capsys.readouterr().err
