"""Fit the screen (issue 13, part 5): the window is sized from the screen's free area and placed
inside it, and every key control can be reached, at once or by scrolling, from 1024×600 up.

The rule is plain arithmetic, tested here directly. The screens are real Qt screens: each runs
``tests.ui.fit_probe`` in a process of its own on the offscreen platform, given the screen's
size in a config file and the desktop's scaling in ``QT_SCALE_FACTOR`` (neither can change
once a QApplication exists). 1366×768 with a 32 px panel is given as its free area, 1366×736:
the offscreen platform has no panels, and what the window reads is the free area.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backcare.ui.screen_fit import FRAME_ALLOWANCE, fitted_minimum, fitted_size, placed

ROOT = Path(__file__).resolve().parents[2]

SCREENS = {  # name: (width, height, scale)
    "1024x600": (1024, 600, "1"),
    "1280x800": (1280, 800, "1"),
    "1366x768 less a 32 px panel": (1366, 736, "1"),
    "1280x800 at 125 %": (1280, 800, "1.25"),
    "1280x800 at 150 %": (1280, 800, "1.5"),
}

KEY_CONTROLS = (
    "today calcium tally", "today calcium bar", "today start button", "your back see safety",
    "card back", "card start", "card next", "card stop", "card made worse", "card figure",
    "settings close", "settings reset", "settings import", "settings calcium target",
)


def test_the_window_takes_what_it_wants_where_the_screen_has_room() -> None:
    assert fitted_size((1100, 760), (1920, 1050)) == (1100, 760)
    assert fitted_minimum((880, 620), (1920, 1050)) == (880, 620)


def test_on_a_small_or_scaled_screen_it_leaves_room_for_its_frame() -> None:
    frame_w, frame_h = FRAME_ALLOWANCE
    assert fitted_size((1100, 760), (1366, 736)) == (1100, 736 - frame_h)
    assert fitted_size((1100, 760), (853, 533)) == (853 - frame_w, 533 - frame_h)
    # A minimum larger than the screen would push the window's edge off it.
    assert fitted_minimum((880, 620), (853, 533)) == (853 - frame_w, 533 - frame_h)


def test_it_is_placed_inside_the_free_area_below_a_top_panel() -> None:
    width, height = fitted_size((1100, 760), (1366, 736))
    x, y = placed((width, height), (0, 32, 1366, 736))
    assert y >= 32 and x >= 0
    assert x + width + FRAME_ALLOWANCE[0] <= 1366
    assert y + height + FRAME_ALLOWANCE[1] <= 32 + 736
    assert placed((1100, 760), (0, 0, 1920, 1050)) == ((1920 - 1116) // 2, (1050 - 804) // 2)


@pytest.fixture(scope="module", params=list(SCREENS), ids=list(SCREENS))
def probed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    width, height, scale = SCREENS[request.param]
    config = tmp_path_factory.mktemp("screen") / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1,
    }]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               QT_SCALE_FACTOR=scale, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]))
    done = subprocess.run([sys.executable, "-m", "tests.ui.fit_probe"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _inside(box: list[int], area: list[int]) -> bool:
    return area[0] <= box[0] and area[1] <= box[1] and box[2] <= area[2] and box[3] <= area[3]


@pytest.mark.parametrize("which", ["window", "dialog"])
def test_the_window_and_the_settings_lie_inside_the_free_area(probed: dict, which: str) -> None:
    """Frame inside the free area, and room left in it for a title bar and borders."""
    seen, area = probed[which], probed["area"]
    assert _inside(seen["frame"], area), probed
    assert seen["size"][0] + FRAME_ALLOWANCE[0] <= area[2] - area[0] + 1, probed
    assert seen["size"][1] + FRAME_ALLOWANCE[1] <= area[3] - area[1] + 1, probed


@pytest.mark.parametrize("control", KEY_CONTROLS)
def test_each_key_control_can_be_reached(probed: dict, control: str) -> None:
    seen = probed[control]
    assert seen == {**seen, "visible": True, "whole": True, "tall_enough": True, "inside": True}


def test_the_card_fits_across_the_window_with_no_text_cut(probed: dict) -> None:
    """At 150 % the card's least width (a 260 px safety column) was 14 px more than the window
    gave it, so its right edge was cut: here it is never wider than its place, on any screen,
    and every text on it (the safety column's wrapped words, the buttons) is shown whole."""
    width = probed["card width"]
    assert width["least"] <= width["width"], probed
    assert probed["card cut texts"] == []


def test_the_your_back_page_fits_across_with_no_text_cut_and_its_pictures_reached(
    probed: dict,
) -> None:
    """Two pictures side by side narrow rather than push the page wider than the window
    (its sides would be cut: it never scrolls sideways); every text is shown whole."""
    width = probed["your back width"]
    assert width["least"] <= width["width"], probed
    assert probed["your back cut texts"] == []
    for tip_id, seen in probed["your back figures"].items():
        assert seen == {**seen, "visible": True, "whole": True, "tall_enough": True,
                        "inside": True}, tip_id


def test_the_about_tab_shows_its_long_questions_whole(probed: dict) -> None:
    """The postnatal-check and harder-birth questions were check box texts, which never wrap:
    in a dialog narrower than about 870 px (780 at 1024x600) their ends were cut off. Now every
    text on the tab is shown whole: each wrapping label as high as its words need."""
    assert probed["settings about cut texts"] == []


def test_the_card_keeps_one_figure_height_on_every_step_of_every_exercise(probed: dict) -> None:
    """The card's figure area kept the room its step's words left it, so moving from a short
    instruction to a long one shrank the figure and the layout jumped. On every screen, each
    exercise's card shows its figure at one height from its first step to its last."""
    heights = probed["figure heights"]
    assert len(heights) == 17  # sixteen exercises and the posture break
    jumps = {name: seen for name, seen in heights.items() if len(set(seen)) != 1}
    assert jumps == {}
    assert min(min(seen) for seen in heights.values()) >= 100  # a figure, not a sliver
