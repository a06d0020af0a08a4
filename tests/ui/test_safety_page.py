"""The Safety page and the setback notice, driven with qtbot (no sleeps)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from backcare.core.ledger import load_ledger
from backcare.core.safety import (
    Safety,
    SetbackCare,
    Sign,
    SignGroup,
    load_safety,
    source_labels,
    sources_text,
)
from backcare.core.setbacks import FALLBACK_CARE
from backcare.paths import resources_dir, seeds_dir
from backcare.ui.safety_page import SafetyPage, SetbackNotice


@pytest.fixture(scope="module")
def shipped() -> Safety:
    safety, problems = load_safety(resources_dir() / "safety.toml")
    assert safety is not None and problems == ()
    return safety


@pytest.fixture(scope="module")
def labels() -> dict[str, str]:
    ledger, _ = load_ledger(seeds_dir() / "facts.toml")
    return source_labels(ledger)


def small_safety() -> Safety:
    def group(urgency: str, title: str, *ids: str) -> SignGroup:
        signs = tuple(Sign(i, f"Text of {i}.", urgency, ("G-A", "F-B")) for i in ids)
        return SignGroup(urgency, title, f"What to do: {urgency}.", signs)

    return Safety(
        disclaimer="Not medical advice.",
        emergency=group("emergency", "Call 999 now", "emergency-a", "emergency-b"),
        urgent=group("urgent", "Get help today", "urgent-a"),
        stop_signs=group("stop", "Stop exercising if", "stop-a"),
        setback=SetbackCare("Be kind.", ("Walk a little.",), ("G-A",)),
        file=Path("/content/safety.toml"),
    )


def make_page(qtbot: QtBot, safety: Safety, labels: dict[str, str] | None = None) -> SafetyPage:
    page = SafetyPage(safety, labels)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def _top(page: SafetyPage, widget) -> int:
    return widget.mapTo(page.scroll.widget(), widget.rect().topLeft()).y()


def test_emergency_signs_come_first_then_urgent_then_stop(qtbot: QtBot, shipped: Safety) -> None:
    page = make_page(qtbot, shipped)
    frames = page.group_frames
    assert _top(page, frames["emergency"]) < _top(page, frames["urgent"])
    assert _top(page, frames["urgent"]) < _top(page, frames["stop"])
    expected = [sign.id for group in shipped.groups for sign in group]
    assert page.signs_in_order() == expected
    # The emergency heading is the first thing under the page heading, already on screen.
    assert page.scroll.verticalScrollBar().value() == 0
    title = frames["emergency"].findChild(type(page.heading), "emergencyTitle")
    assert title is not None and title.text() == shipped.emergency.title
    assert title.visibleRegion().boundingRect().height() > 0


def test_every_sign_is_shown_with_its_sources(
    qtbot: QtBot, shipped: Safety, labels: dict[str, str]
) -> None:
    page = make_page(qtbot, shipped, labels)
    assert set(page.sign_labels) == {sign.id for sign in shipped.signs()}
    for sign in shipped.signs():
        assert page.sign_labels[sign.id].text() == sign.text
        shown = page.source_labels[sign.id].text()
        assert shown == f"Source: {sources_text(sign.sources, labels)}"
        for source in sign.sources:
            for part in labels[source].split("; "):
                assert part in shown, (sign.id, part)
    back_pain = page.source_labels["emergency-saddle-bladder"].text()
    assert "NHS: Back pain" in back_pain and "G-NHS-BACK-PAIN" not in back_pain


def test_a_source_without_a_label_is_still_shown(qtbot: QtBot) -> None:
    page = make_page(qtbot, small_safety(), {"G-A": "NHS: Back pain"})
    assert page.source_labels["urgent-a"].text() == "Source: NHS: Back pain; F-B"


def test_the_emergency_group_looks_different(qtbot: QtBot) -> None:
    page = make_page(qtbot, small_safety())

    def edge(urgency: str) -> QColor:
        frame = page.group_frames[urgency]
        return frame.grab().toImage().pixelColor(3, frame.height() // 2)

    red, amber, blue = edge("emergency"), edge("urgent"), edge("stop")
    assert red.red() > 150 and red.green() < 80 and red.blue() < 80
    assert amber.red() > 150 and amber.green() > 90 and amber.blue() < 60
    assert blue.blue() > blue.red()
    assert len({red.name(), amber.name(), blue.name()}) == 3


def test_headings_actions_and_disclaimer_are_shown(qtbot: QtBot) -> None:
    safety = small_safety()
    page = make_page(qtbot, safety)
    for group in safety.groups:
        frame = page.group_frames[group.urgency]
        texts = [label.text() for label in frame.findChildren(type(page.heading))]
        assert group.title in texts and group.action in texts
    assert page.disclaimer_label.text() == "Not medical advice."
    assert _top(page, page.disclaimer_label) > _top(page, page.group_frames["stop"])


def test_everything_has_an_accessible_name(qtbot: QtBot, shipped: Safety) -> None:
    page = make_page(qtbot, shipped)
    assert page.accessibleName() == "Safety"
    assert page.scroll.accessibleName()
    assert page.group_frames["emergency"].accessibleName() == (
        f"Emergency: {shipped.emergency.title}"
    )
    for sign in shipped.emergency:
        assert page.sign_labels[sign.id].accessibleName() == f"Emergency sign: {sign.text}"
    for sign in shipped.signs():
        assert page.source_labels[sign.id].accessibleName().startswith("Source: ")
    for label in page.findChildren(type(page.heading)):
        if label.text() != "•":
            assert label.accessibleName(), label.text()


def test_the_page_scrolls_when_it_does_not_fit(qtbot: QtBot, shipped: Safety) -> None:
    page = make_page(qtbot, shipped)
    page.resize(600, 400)
    qtbot.waitUntil(lambda: page.scroll.verticalScrollBar().maximum() > 0, timeout=2000)
    assert page.scroll.horizontalScrollBar().maximum() == 0  # text wraps, never runs off
    page.scroll.setFocus()
    qtbot.keyClick(page.scroll, Qt.Key.Key_PageDown)
    assert page.scroll.verticalScrollBar().value() > 0
    page.scroll_to_group("emergency")
    assert page.scroll.verticalScrollBar().value() == _top(page, page.group_frames["emergency"])
    page.scroll_to_group("stop")
    assert page.scroll.verticalScrollBar().value() > _top(page, page.group_frames["urgent"])
    page.scroll_to_group("nonsense")  # ignored


# --- the setback notice --------------------------------------------------------------------------


def make_notice(qtbot: QtBot, safety: Safety | None) -> SetbackNotice:
    notice = SetbackNotice("Bridge", date(2026, 3, 14), safety)
    qtbot.addWidget(notice)
    notice.show()
    qtbot.waitExposed(notice)
    return notice


def test_notice_says_what_is_paused_until_when_and_how_to_care(
    qtbot: QtBot, shipped: Safety
) -> None:
    notice = make_notice(qtbot, shipped)
    assert notice.heading.text() == "Sorry that made your back worse"
    body = notice.body.text()
    assert "“Bridge” is paused for now" in body and "Saturday 14 March" in body
    assert shipped.setback.text in body
    for point in shipped.setback.care:
        assert point.replace("&", "&amp;") in body
    assert notice.body.accessibleName() == notice.text
    assert "Saturday 14 March" in notice.text and shipped.setback.care[0] in notice.text


def test_notice_escapes_the_title(qtbot: QtBot) -> None:
    notice = SetbackNotice("<b>Cat</b> & back", date(2026, 3, 14), None)
    qtbot.addWidget(notice)
    assert "&lt;b&gt;Cat&lt;/b&gt; &amp; back" in notice.body.text()


def test_notice_buttons_emit_and_ok_is_the_default(qtbot: QtBot, shipped: Safety) -> None:
    notice = make_notice(qtbot, shipped)
    assert notice.ok_button.isDefault() and not notice.safety_button.isDefault()
    assert notice.safety_button.accessibleName() and notice.ok_button.accessibleName()
    with qtbot.waitSignal(notice.safetyRequested, timeout=1000):
        qtbot.mouseClick(notice.safety_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(notice.dismissed, timeout=1000):
        qtbot.mouseClick(notice.ok_button, Qt.MouseButton.LeftButton)


def test_notice_without_safety_content_still_points_to_help(qtbot: QtBot) -> None:
    notice = make_notice(qtbot, None)
    assert FALLBACK_CARE in notice.body.text()
    assert notice.text.endswith(FALLBACK_CARE)


def test_notice_is_tall_enough_for_its_text(qtbot: QtBot, shipped: Safety) -> None:
    notice = make_notice(qtbot, shipped)
    hint = notice.sizeHint()
    assert hint.width() >= SetbackNotice.PREFERRED_WIDTH
    notice.resize(hint)
    qtbot.waitUntil(lambda: notice.body.width() > 0, timeout=1000)
    assert notice.body.height() >= notice.body.heightForWidth(notice.body.width())
