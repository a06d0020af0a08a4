"""The tips' figures (issue 15): every ``[[tip.figure]]`` in advice.toml names a pose that
loads, draws at card size, is physically honest (the same checks as the exercise poses), and
touches the props it handles: her hands on the baby, her bottom on the chair, her back on the
cushion, her body on the bed. And no two figures look alike, by the measure the exercise
thumbnails use, since a picture that looks like another teaches nothing of its own.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from backcare.core.content import Tip, TipFigure, load_advice
from backcare.core.problems import Invalid
from backcare.figures import pose_checks as C
from backcare.figures import props as P
from backcare.figures.body_paint import BACKGROUND
from backcare.figures.painter import AVOID_COLOR
from backcare.figures.pose import Contact, Pose, solve
from backcare.figures.pose_file import parse_pose
from backcare.figures.tip_figure import CARD_SIZE, tip_figure_image
from tests.figures.test_thumbnails import APART_PX, _rgb, differing_pixels

ADVICE = Path(__file__).resolve().parents[2] / "resources" / "advice.toml"

#: What each figure must be seen to touch (beyond the feet on the floor): the prop contacts
#: that make the picture mean what its caption says.
PROP_CONTACTS: dict[str, set[Contact]] = {
    "lift-squat": {Contact("near_hand", "baby"), Contact("far_hand", "baby")},
    "lift-bend-waist": {Contact("near_hand", "baby"), Contact("far_hand", "baby")},
    "baby-change-table": {Contact("near_hand", "baby"), Contact("far_hand", "baby")},
    "feed-sit-cushion": {
        Contact("pelvis", "chair"),
        Contact("lower_back", "cushion"),
        Contact("near_hand", "baby"),
        Contact("far_hand", "baby"),
    },
    "bed-roll-side": {Contact("head", "bed"), Contact("right_hip", "bed"),
                      Contact("right_knee", "bed")},
    "bed-push-up": {Contact("pelvis", "bed"), Contact("right_elbow", "bed"),
                    Contact("left_hand", "bed")},
}
#: The figures issue 15 asks for, by the tip they illustrate (in order, avoid flag).
EXPECTED: dict[str, tuple[tuple[str, bool], ...]] = {
    "squat-to-lift": (("lift-squat", False), ("lift-bend-waist", True)),
    "baby-care-height": (("baby-change-table", False),),
    "feeding-posture": (("feed-sit-cushion", False),),
    "sit-supported": (("feed-sit-cushion", False),),
    "getting-out-of-bed": (("bed-roll-side", False), ("bed-push-up", False)),
}


@pytest.fixture(scope="module")
def tips() -> tuple[Tip, ...]:
    loaded, problems = load_advice(ADVICE)
    assert problems == ()
    return loaded


def _figures(tips: tuple[Tip, ...]) -> list[TipFigure]:
    return [fig for tip in tips for fig in tip.figures]


def test_the_tips_carry_the_figures_the_issue_asks_for(tips: tuple[Tip, ...]) -> None:
    shown = {t.id: tuple((f.pose, f.avoid) for f in t.figures) for t in tips if t.figures}
    assert shown == EXPECTED


def test_every_tip_figure_names_a_pose_that_loads(
    tips: tuple[Tip, ...], poses: dict[str, Pose]
) -> None:
    missing = sorted({f.pose for f in _figures(tips)} - set(poses))
    assert missing == []


@pytest.mark.parametrize("pose_id", sorted(PROP_CONTACTS))
def test_tip_pose_is_honest_and_touches_what_it_handles(
    poses: dict[str, Pose], pose_id: str
) -> None:
    pose = poses[pose_id]
    assert PROP_CONTACTS[pose_id] <= set(pose.contacts)
    problems = C.check_contacts(pose) + C.check_clearance(pose) + C.check_above_ground(pose)
    assert problems == []


def test_every_tip_figure_has_its_prop_contacts_listed(tips: tuple[Tip, ...]) -> None:
    assert {f.pose for f in _figures(tips)} <= set(PROP_CONTACTS)


def test_the_squat_is_upright_with_bent_knees_and_the_bend_is_the_opposite(
    poses: dict[str, Pose]
) -> None:
    squat, bend = poses["lift-squat"], poses["lift-bend-waist"]
    # squatting: the trunk within 35° of upright and the knees deeply bent
    assert abs(squat.angle("trunk.angle") - 90) <= 35
    assert squat.angle("near.knee") >= 90 and squat.angle("far.knee") >= 90
    # bending from the waist: the trunk past horizontal, the back rounded, the legs straight
    assert bend.angle("trunk.angle") <= 0
    assert bend.angle("trunk.curve") > 0
    assert bend.angle("near.knee") == 0 and bend.angle("far.knee") == 0
    # and in the squat her hips are far lower than in the bend
    assert solve(squat)["pelvis"][1] < solve(bend)["pelvis"][1] - 40


def test_the_changing_table_is_at_about_her_waist(poses: dict[str, Pose]) -> None:
    sk = solve(poses["baby-change-table"])
    assert sk["pelvis"][1] - 15 <= P.TABLE_TOP <= sk["waist"][1] + 5
    assert abs(poses["baby-change-table"].angle("trunk.angle") - 90) <= 10  # she stands tall


def test_the_baby_lies_on_its_surface_or_is_held_off_the_floor(poses: dict[str, Pose]) -> None:
    for lifted in ("lift-squat", "lift-bend-waist"):  # on the floor, before she lifts it
        baby = poses[lifted].baby
        assert baby.y - baby.lowest() == pytest.approx(0.0, abs=0.01)
    table = poses["baby-change-table"]
    pad_top = P.TABLE_TOP + P.TABLE_PAD
    assert table.baby.y - table.baby.lowest() == pytest.approx(pad_top, abs=0.01)
    held = poses["feed-sit-cushion"]
    assert held.baby.y - held.baby.lowest() > P.SEAT_TOP + 10  # in her arms, not on the seat


def _image(figure: TipFigure, poses: dict[str, Pose], size: QSize = CARD_SIZE) -> QImage:
    image = tip_figure_image(figure, poses, size)
    assert image is not None
    return image


def _ink(image: QImage) -> int:
    blank = QImage(image.size(), image.format())
    blank.fill(BACKGROUND)
    return differing_pixels(_rgb(image), _rgb(blank))


def test_every_tip_figure_draws_at_card_size(
    qapp, tips: tuple[Tip, ...], poses: dict[str, Pose], tmp_path: Path
) -> None:
    for figure in _figures(tips):
        image = _image(figure, poses)
        assert image.size() == CARD_SIZE
        # a figure, not a blank card: at least a tenth of the card is drawn (the floor fill is
        # too faint to count, so this is her and her props)
        assert _ink(image) > CARD_SIZE.width() * CARD_SIZE.height() // 10, figure.pose
        assert image.save(str(tmp_path / f"{figure.pose}.png"))


def test_a_missing_pose_draws_nothing(poses: dict[str, Pose]) -> None:
    assert tip_figure_image(TipFigure("no-such-pose", "x"), poses) is None


def _red(image: QImage) -> int:
    """Pixels of the avoid mark's red (within a small distance of ``AVOID_COLOR``)."""
    rgb = _rgb(image)
    target = (AVOID_COLOR.red(), AVOID_COLOR.green(), AVOID_COLOR.blue())
    return sum(
        all(abs(rgb[i + k] - target[k]) < 30 for k in range(3)) for i in range(0, len(rgb), 3)
    )


def test_an_avoid_figure_carries_the_red_cross_and_the_others_do_not(
    qapp, tips: tuple[Tip, ...], poses: dict[str, Pose]
) -> None:
    for figure in _figures(tips):
        red = _red(_image(figure, poses))
        if figure.avoid:
            assert red > 200, figure.pose
        else:
            assert red == 0, figure.pose


def test_no_two_tip_figures_look_alike(
    qapp, tips: tuple[Tip, ...], poses: dict[str, Pose]
) -> None:
    figures = {f.pose: f for f in _figures(tips)}
    thumbs = {pose: _rgb(_image(f, poses, QSize(120, 90))) for pose, f in figures.items()}
    assert len(thumbs) == 6
    close = sorted(
        (differing_pixels(thumbs[a], thumbs[b]), a, b)
        for a, b in itertools.combinations(sorted(thumbs), 2)
    )
    assert close[0][0] >= APART_PX, close[:3]


def _baby_pose(props: list[str], baby: dict[str, object] | None) -> dict[str, object]:
    data: dict[str, object] = {
        "id": "probe", "view": "side", "props": props,
        "contacts": [{"point": "near_heel", "prop": "floor"}],
    }
    if baby is not None:
        data["baby"] = baby
    return data


@pytest.mark.parametrize(
    ("props", "baby", "field"),
    [
        (["floor", "baby"], None, "baby"),  # a baby with no place
        (["floor"], {"x": 0, "y": 10}, "baby"),  # a place for no baby
        (["floor", "baby"], {"x": 0, "y": 10, "on": "floor"}, "baby"),  # both heights
        (["floor", "baby"], {"x": 0}, "baby"),  # neither
        (["floor", "baby"], {"x": 0, "on": "changing-table"}, "baby.on"),  # not a prop here
        (["floor", "changing-table", "baby"], {"x": -80, "on": "changing-table"}, "baby.x"),
        (["floor", "baby"], {"x": 0, "y": 10, "tilt": 5}, "baby.tilt"),
    ],
)
def test_a_bad_baby_place_is_named(
    props: list[str], baby: dict[str, object] | None, field: str
) -> None:
    with pytest.raises(Invalid) as caught:
        parse_pose(_baby_pose(props, baby), Path("probe.toml"))
    assert caught.value.field == field


def test_a_baby_laid_on_a_prop_rests_on_its_top() -> None:
    pose = parse_pose(
        _baby_pose(["floor", "changing-table", "baby"],
                   {"x": 50, "on": "changing-table", "angle": 0}),
        Path("probe.toml"),
    )
    body, head = pose.baby.shapes()
    assert body.ay - body.r == pytest.approx(P.TABLE_TOP + P.TABLE_PAD)  # lying on the pad
    assert head.cx > body.bx  # angle 0: the head toward +x
    assert pose.scene()["baby"].distance((50.0, P.TABLE_TOP + P.TABLE_PAD)) == pytest.approx(0)
