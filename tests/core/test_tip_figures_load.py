"""Loading ``[[tip.figure]]`` entries: the pictures a tip may carry (issue 15).

A bad figure is a problem of its own and the tip keeps its words, since losing advice over a
typo in a picture would be the worse failure.
"""

from __future__ import annotations

from pathlib import Path

from backcare.core.content import TipFigure, load_advice

TIP = """
[[tip]]
id = "{id}"
title = "Bend your knees"
text = "Squat to lift."
topic = "lifting"
sources = ["seed-1"]
"""


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "advice.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_figures_load_in_file_order_with_avoid_defaulting_to_false(tmp_path: Path) -> None:
    path = _write(tmp_path, TIP.format(id="squat-to-lift") + """
[[tip.figure]]
pose = "lift-squat"
caption = "Bend your knees"

[[tip.figure]]
pose = "lift-bend-waist"
caption = "Not from the waist"
avoid = true
""")
    tips, problems = load_advice(path)
    assert problems == ()
    assert tips[0].figures == (
        TipFigure("lift-squat", "Bend your knees", False),
        TipFigure("lift-bend-waist", "Not from the waist", True),
    )


def test_a_tip_without_figures_has_none(tmp_path: Path) -> None:
    tips, problems = load_advice(_write(tmp_path, TIP.format(id="plain")))
    assert problems == ()
    assert tips[0].figures == ()


def test_a_bad_figure_is_reported_and_the_tip_keeps_its_good_figures(tmp_path: Path) -> None:
    path = _write(tmp_path, TIP.format(id="squat-to-lift") + """
[[tip.figure]]
pose = "Lift Squat"
caption = "Bad pose name"

[[tip.figure]]
pose = "lift-squat"
caption = "Bend your knees"

[[tip.figure]]
pose = "lift-bend-waist"
""" + TIP.format(id="second"))
    tips, problems = load_advice(path)
    assert [t.id for t in tips] == ["squat-to-lift", "second"]
    assert tips[0].figures == (TipFigure("lift-squat", "Bend your knees"),)
    assert [p.field for p in problems] == ["tip[0].figure[0].pose", "tip[0].figure[2].caption"]


def test_figure_not_a_list_of_tables_is_one_problem(tmp_path: Path) -> None:
    path = _write(tmp_path, TIP.format(id="odd") + 'figure = "lift-squat"\n')
    tips, problems = load_advice(path)
    assert [t.id for t in tips] == ["odd"]
    assert tips[0].figures == ()
    assert [p.field for p in problems] == ["tip[0].figure"]
