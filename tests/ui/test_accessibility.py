"""What a screen reader finds, read from the tree Qt hands it (``QAccessible`` interfaces).

Every page of the main window (Today, Exercises, Your back, History, Safety, a card's session
view) and the
settings dialog is walked from its top through ``QAccessible.queryAccessibleInterface``, the
same interfaces the AT-SPI bridge serves to Orca. On each: no visible words are hidden behind
a different name, every control has a name, headings are headings, and no node is a lone
bullet. The guided session says its step changes, holds and end aloud (``ui/announce``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from backcare.catalog import Catalog, load_catalog
from backcare.core.guided import READ_SECONDS, Phase
from backcare.core.plan import default_plan
from backcare.core.safety import load_safety
from backcare.core.tip_groups import TipGroup
from backcare.figures.pose import Pose
from backcare.paths import resources_dir
from backcare.ui.main_window import MainWindow
from backcare.ui.safety_page import SafetyPage
from backcare.ui.session_view import SessionView
from backcare.ui.settings_dialog import SettingsDialog
from backcare.ui.today_page import TodayPage
from backcare.ui.your_back_page import your_back_page
from tests.ui.factories import bridge
from tests.ui.test_settings_dialog import EXERCISES, FOODS, PROFILE, TODAY, env_for
from tests.ui.test_today_page import TITLES, lunchtime

Role = QAccessible.Role
# What she can press, type in or choose: each needs a name a screen reader can say.
CONTROLS = frozenset({
    Role.PushButton, Role.CheckBox, Role.RadioButton, Role.ComboBox, Role.EditableText,
    Role.SpinBox, Role.Slider, Role.PageTab, Role.ListItem, Role.MenuItem, Role.Link,
    Role.ButtonMenu, Role.ButtonDropDown, Role.Dial,
})
BULLETS = re.compile(r"^\s*[•·\-–*]\s*$")
RECOVERY = "Week 8 after a caesarean: gentle core work is fine."


@dataclass(frozen=True)
class Node:
    """One accessible object as a screen reader gets it."""

    role: Role
    name: str
    description: str
    obj: object
    focusable: bool

    @property
    def shown(self) -> str:
        """The words the widget shows (labels only), as one line."""
        if isinstance(self.obj, QLabel):
            return _line(self.obj.text())
        return ""


def _line(text: str) -> str:
    return " ".join(text.split())


def walk(root: QWidget) -> list[Node]:
    """Every visible node under ``root``, depth first, read through QAccessible."""
    found: list[Node] = []

    def visit(iface: QAccessibleInterface, depth: int) -> None:
        assert depth < 60, "the accessible tree loops"
        state = iface.state()
        if state.invisible:
            return
        found.append(Node(iface.role(), iface.text(QAccessible.Text.Name),
                          iface.text(QAccessible.Text.Description), iface.object(),
                          bool(state.focusable)))
        for i in range(iface.childCount()):
            child = iface.child(i)
            if child is not None and child.isValid():
                visit(child, depth + 1)

    top = QAccessible.queryAccessibleInterface(root)
    assert top is not None and top.isValid()
    visit(top, 0)
    return found


def hidden_words(nodes: list[Node]) -> list[tuple[str, str]]:
    """Labels whose name does not say the words they show: (shown, name)."""
    return [(n.shown, n.name) for n in nodes
            if n.shown and n.shown not in _line(n.name)]


def unnamed_controls(nodes: list[Node]) -> list[str]:
    return [f"{n.role.name} {type(n.obj).__name__} {getattr(n.obj, 'objectName', str)()!r}"
            for n in nodes if n.role in CONTROLS and not n.name.strip()]


def leaked_object_names(nodes: list[Node]) -> list[str]:
    """Names that are a widget's internal object name ("countdownCaption", "infoHeading")."""
    leaked = []
    for n in nodes:
        object_name = n.obj.objectName() if isinstance(n.obj, QWidget) else ""
        if object_name and n.name == object_name and n.shown != object_name:
            leaked.append(n.name)
    return leaked


def bullet_nodes(nodes: list[Node]) -> list[str]:
    return [n.name or n.shown for n in nodes
            if BULLETS.match(n.name or "x") or BULLETS.match(n.shown or "x")]


def headings(nodes: list[Node]) -> list[str]:
    return [n.name for n in nodes if n.role == Role.Heading]


def assert_reads_as_shown(nodes: list[Node]) -> None:
    assert len(nodes) > 5  # the walk reached the page's contents
    assert hidden_words(nodes) == []
    assert unnamed_controls(nodes) == []
    assert leaked_object_names(nodes) == []
    assert bullet_nodes(nodes) == []


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def window(qtbot: QtBot, catalog: Catalog) -> Iterator[tuple[MainWindow, TodayPage]]:
    day, now = lunchtime()
    page = TodayPage(clock=lambda: now)
    page.set_day(day, now, TITLES)
    page.set_recovery(RECOVERY, offer_setup=False)
    win = MainWindow(catalog, home=("Today", page))
    qtbot.addWidget(win)
    win.resize(1100, 760)
    win.show()
    qtbot.waitExposed(win)
    yield win, page


def test_today_reads_its_words_its_headings_and_names_its_buttons(
    window: tuple[MainWindow, TodayPage],
) -> None:
    win, page = window
    nodes = walk(win)
    assert_reads_as_shown(nodes)
    names = [n.name for n in nodes]
    # The words that a name used to hide, now read as shown
    assert RECOVERY in names
    assert page.next_label.text().startswith("Next:") and page.next_label.text() in names
    assert page.calcium_label.text() and page.calcium_label.text() in names
    for hidden in ("Your recovery", "Next reminder", "Calcium today"):
        assert hidden not in names
    assert headings(nodes) == ["Today", "Your day", "Calcium"]


def test_a_page_left_reports_nothing_showing_or_focused(
    qtbot: QtBot, window: tuple[MainWindow, TodayPage],
) -> None:
    win, page = window
    page.rows[0].setFocus()
    qtbot.waitUntil(page.rows[0].hasFocus)
    win.show_page("Exercises")
    qtbot.waitUntil(lambda: not page.isVisible())
    for widget in (page.next_label, page.calcium_label, page.rows[0]):
        state = QAccessible.queryAccessibleInterface(widget).state()
        assert state.invisible and not state.focused


def test_exercises_page_reads_as_shown(window: tuple[MainWindow, TodayPage]) -> None:
    win, _page = window
    win.show_page("Exercises")
    nodes = walk(win.exercises_page)
    assert_reads_as_shown(nodes)
    assert "Exercises" in headings(nodes)


def test_safety_page_reads_headings_and_signs_without_lone_bullets(qtbot: QtBot) -> None:
    safety, _ = load_safety(resources_dir() / "safety.toml")
    assert safety is not None
    page = SafetyPage(safety)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    nodes = walk(page)
    assert_reads_as_shown(nodes)
    group_titles = [group.title for group in safety.groups]
    assert headings(nodes) == ["Safety", *group_titles, "About Back Care"]
    names = [n.name for n in nodes]
    urgent = page.group_frames["urgent"]
    assert urgent.accessibleName() == "Get help today"  # not "Get help today: Get help today"
    for sign in safety.signs():
        assert any(sign.text in name for name in names), sign.text


def test_your_back_page_reads_its_tips_under_their_headings(
    qtbot: QtBot, catalog: Catalog
) -> None:
    page = your_back_page(catalog)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    nodes = walk(page)
    assert_reads_as_shown(nodes)
    found = headings(nodes)
    assert found[0] == "Your back"
    assert [h for h in found if h in {g.title for g in TipGroup}] == [
        g.title for g in TipGroup if g in page.group_headings]
    assert {t.title for t in catalog.tips} <= set(found)  # each tip's title is a heading
    card = next(iter(page.cards.values()))
    assert card.accessibleName() == card.tip.title
    assert card.tip.text in card.accessibleDescription()
    assert card.source.text() in card.accessibleDescription()


def test_the_history_page_reads_its_headings_and_its_charts_in_words(qtbot: QtBot) -> None:
    from tests.ui.test_history_page import history_sample_page

    page = history_sample_page()
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    nodes = walk(page)
    assert_reads_as_shown(nodes)
    assert headings(nodes) == ["History", "Sessions done each week",
                               "Pain over the weeks after birth", "Your pain diary", "Day by day"]
    charts = [n for n in nodes if n.role == Role.Graphic]
    assert [n.name for n in charts] == ["Chart: sessions done each week",
                                        "Chart: pain over the weeks after birth"]
    assert all(n.focusable for n in charts)
    assert charts[0].description.startswith("Weekly sessions done. Week 8: 5 of 6 sessions")
    assert "a setback" in charts[1].description


@pytest.fixture
def card(window: tuple[MainWindow, TodayPage]) -> SessionView:
    win, _page = window
    view = win.open_session(["bridge"], "Bridge")
    assert view is not None
    return view


def test_a_card_reads_its_step_its_headings_and_its_figure(card: SessionView) -> None:
    nodes = walk(card)
    assert_reads_as_shown(nodes)
    names = [n.name for n in nodes]
    step = card.session.step
    assert step.instruction in names
    assert f"Step 1 of {card.session.step_count}" in names
    how_much = ["How much"] if card.exercise.dose.note else []
    assert headings(nodes) == [card.exercise.title, "Start position", "Take care",
                               "Stop and ask for advice if", *how_much]
    for leaked in ("infoHeading", "cautionsHeading", "countdownCaption", "instruction"):
        assert leaked not in names
    caption = card.countdown.countdown_caption.text()
    assert caption in names
    figure = next(n for n in nodes if n.obj is card.figure)
    assert figure.role == Role.Graphic
    assert figure.name == "Figure: lying on your back, knees bent, feet on the mat"
    assert figure.focusable  # Tab reaches it, so the pose can be read


def test_settings_dialog_reads_as_shown(qtbot: QtBot, tmp_path: Path) -> None:
    plan = replace(default_plan(), profile=PROFILE)
    dialog = SettingsDialog(plan, lambda: TODAY, EXERCISES, FOODS,
                            autostart_env=env_for(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        assert_reads_as_shown(walk(dialog))


# ----- announcements ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def poses() -> Mapping[str, Pose]:
    return load_catalog().poses


def test_a_session_says_each_step_each_hold_and_its_end(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    view = SessionView([bridge(reps=1)], poses)
    qtbot.addWidget(view)
    view.set_animation_ms(0)
    said: list[str] = []
    view.announcer.announced.connect(said.append)
    view.toggle()  # Start: the first step has no hold, and nothing else moved
    assert said == []
    view.tick(READ_SECONDS)
    step = view.session.step
    assert said == [f"Step 2 of 3: {step.instruction} Hold for 3 seconds."]
    view.tick(1)
    view.tick(1)  # the seconds of the hold go by without a word, and no name is changed
    assert len(said) == 1
    assert view.countdown.countdown_label.accessibleName() == ""
    assert view.countdown.countdown_caption.accessibleName() == ""
    view.tick(1)
    assert said[1] == f"Hold done. Step 3 of 3: {view.session.step.instruction}"
    while view.session.phase is not Phase.SUMMARY:
        view.tick(1)
    assert said[-1] == "Bridge done. Session finished: well done."
    assert len(said) == 3


def test_an_early_stop_and_a_step_by_hand_are_said(
    qtbot: QtBot, poses: Mapping[str, Pose]
) -> None:
    view = SessionView([bridge(reps=1)], poses)
    qtbot.addWidget(view)
    said: list[str] = []
    view.announcer.announced.connect(said.append)
    view.step_next()  # before Start, Next shows the next step
    assert said == [f"Step 2 of 3: {view.session.step.instruction}"]
    view.stop()
    assert said[-1] == "Session stopped. Here is what you did; Carry on goes back."
