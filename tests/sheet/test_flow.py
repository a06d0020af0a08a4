"""Blocks down the pages: what does not fit starts the next page, and nothing loops for ever."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from backcare.sheet.flow import Flow


def _nothing(_painter: QPainter, _rect: QRectF) -> None:
    return None


def test_a_block_that_does_not_fit_starts_the_next_page() -> None:
    flow = Flow(QRectF(0, 10, 100, 100))
    first = flow.place(60, _nothing)
    second = flow.place(60, _nothing)
    assert (first.top(), second.top()) == (10, 10)
    assert flow.page == 2 and [len(p) for p in flow.pages] == [1, 1]
    third = flow.place(40, _nothing)
    assert third.top() == 70 and flow.page == 2


def test_a_block_taller_than_a_page_is_placed_at_the_top_once() -> None:
    flow = Flow(QRectF(0, 0, 100, 100))
    flow.place(150, _nothing)
    flow.place(10, _nothing)
    assert [len(p) for p in flow.pages] == [1, 1]


def test_space_is_left_between_blocks_but_not_at_the_top_of_a_page() -> None:
    flow = Flow(QRectF(0, 0, 100, 100))
    flow.space(30)
    assert flow.place(10, _nothing).top() == 0
    flow.space(5)
    assert flow.place(10, _nothing).top() == 15


def test_a_new_page_is_only_started_after_something() -> None:
    flow = Flow(QRectF(0, 0, 100, 100))
    flow.new_page()
    flow.new_page()
    assert flow.page == 1
    flow.place(10, _nothing)
    flow.new_page()
    assert flow.page == 2 and flow.at_top
