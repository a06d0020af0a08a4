"""Reading pose files (resources/poses/*.toml) into Pose records, strictly.

A pose file is data written by hand, so every field is checked and a bad one is named in a
sentence (``Invalid``) rather than drawn wrong: an unknown angle, a contact on a prop the pose
does not have, a ball rolled where there is no ball, a baby with no place. The baby is the one
prop a pose places itself (``[baby]``: x, and y or the prop it lies on, and the way its head
points), since she lifts it, holds it or lays it down. Pure Python: no Qt here.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from backcare.core import fields as f
from backcare.core.problems import ContentProblem, Invalid
from backcare.figures import props as P
from backcare.figures.body import ANGLES, MOTIONS, POINTS, RADII, SECTIONS, VIEWS
from backcare.figures.pose import Contact, Placement, Pose

_TOP_KEYS = {"id", "view", "props", "contacts", "place", "highlight", "motion", "motion_at"}
_TOP_KEYS |= {"arrow_at", "baby"}
_TOP_KEYS |= {"note", "trunk", "near", "far", "left", "right"}


def _point(data: Mapping[str, Any], key: str, prefix: str, view: str) -> str:
    value = f.text(data, key, prefix)
    if value not in RADII[view]:
        raise Invalid(
            f.join(prefix, key),
            f"'{value}' is not a body point of a {view} view; use one of: "
            f"{', '.join(POINTS[view])}.",
        )
    return value


def _parse_angles(data: Mapping[str, Any], view: str) -> tuple[tuple[str, float], ...]:
    specs = ANGLES[view]
    out: list[tuple[str, float]] = []
    for other in {s for v in VIEWS for s in SECTIONS[v]} - set(SECTIONS[view]):
        if other in data:
            raise Invalid(
                other, f"belongs to the other view; a {view} pose uses {', '.join(SECTIONS[view])}."
            )
    for section in SECTIONS[view]:
        if section not in data:
            continue
        values = f.table(data, section)
        for key in values:
            name = f"{section}.{key}"
            if name not in specs:
                known = ", ".join(k.split(".")[1] for k in specs if k.startswith(section + "."))
                raise Invalid(name, f"is not an angle of a {view} pose; known here: {known}.")
            _, low, high = specs[name]
            out.append((name, f.number(values, key, section, low=low, high=high)))
    return tuple(out)


def _parse_place(data: Mapping[str, Any], view: str, props: tuple[str, ...]) -> Placement:
    if "place" not in data:
        return Placement()
    p = f.table(data, "place")
    unknown = set(p) - {"x", "y", "rest", "on", "against", "roll"}
    if unknown:
        raise Invalid(
            f"place.{sorted(unknown)[0]}", "is not known; use x, y, rest, on, against, roll."
        )
    y = f.number(p, "y", "place", low=-50, high=250) if "y" in p else None
    rest = _point(p, "rest", "place", view) if "rest" in p else ""
    on = f.choice(p, "on", (*props, "floor"), "place") if "on" in p else ""
    against = f.choice(p, "against", ("wall",), "place") if "against" in p else ""
    if against and "wall" not in props:
        raise Invalid("place.against", "needs 'wall' in props.")
    x = f.number(p, "x", "place", low=-150, high=150, default=0.0)
    roll = f.number(p, "roll", "place", low=-20, high=20, default=0.0)
    if roll and "ball" not in props:
        raise Invalid("place.roll", "rolls the ball, so it needs 'ball' in props.")
    return Placement(x, y, rest, on, against, roll)


def _parse_baby(data: Mapping[str, Any], view: str, props: tuple[str, ...]) -> P.Baby:
    """Where the baby is: ``x`` and either ``y`` or ``on`` (a prop she lies on, resting on its
    top at ``x``), and ``angle``, the direction from her feet to her head."""
    if "baby" not in data:
        if "baby" in props:
            raise Invalid("baby", "must say where the baby is (x, and y or on).")
        return P.NO_BABY
    if "baby" not in props:
        raise Invalid("baby", "places the baby, so it needs 'baby' in props.")
    b = f.table(data, "baby")
    unknown = set(b) - {"x", "y", "on", "angle"}
    if unknown:
        raise Invalid(f"baby.{sorted(unknown)[0]}", "is not known; use x, y, on, angle.")
    x = f.number(b, "x", "baby", low=-150, high=150)
    angle = f.number(b, "angle", "baby", low=-180, high=360, default=0.0)
    if ("y" in b) == ("on" in b):
        raise Invalid("baby", "needs exactly one of y (a height) and on (a prop she lies on).")
    if "y" in b:
        return P.Baby(x, f.number(b, "y", "baby", low=0, high=250), angle)
    on = f.choice(b, "on", tuple(p for p in (*props, "floor") if p != "baby"), "baby")
    top = P.scene(view, props)[on].rest_y(x, 0.0)
    if top is None:
        raise Invalid("baby.x", f"is not over the {on}.")
    lying = P.Baby(x, 0.0, angle)
    return P.Baby(x, top + lying.lowest(), angle)


def parse_pose(data: Mapping[str, Any], file: Path) -> Pose:
    """Build a Pose from a parsed TOML table; raises Invalid naming the bad field."""
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise Invalid(unknown[0], "is not a field a pose file knows.")
    pose_id = f.slug(data)
    if pose_id != file.stem:
        raise Invalid("id", f"'{pose_id}' must match the file name '{file.stem}'.")
    view = f.choice(data, "view", VIEWS)
    props = f.texts(data, "props", allowed=P.PROPS)
    allowed_props = (*props, "floor")
    contacts: list[Contact] = []
    for i, entry in enumerate(f.tables(data, "contacts", min_items=1)):
        prefix = f"contacts[{i}]"
        extra = set(entry) - {"point", "prop"}
        if extra:
            raise Invalid(f"{prefix}.{sorted(extra)[0]}", "is not known; use point and prop.")
        point = _point(entry, "point", prefix, view)
        prop = f.text(entry, "prop", prefix)
        if prop not in allowed_props:
            raise Invalid(
                f"{prefix}.prop", f"'{prop}' is not one of this pose's props: {', '.join(props)}."
            )
        contacts.append(Contact(point, prop))
    highlight = f.texts(data, "highlight", allowed=POINTS[view])
    motion = f.choice(data, "motion", MOTIONS) if "motion" in data else ""
    motion_at = _point(data, "motion_at", "", view) if "motion_at" in data else ""
    if motion and not motion_at:
        raise Invalid("motion_at", "must name the body point the motion hint is drawn at.")
    arrow_at = _point(data, "arrow_at", "", view) if "arrow_at" in data else ""
    return Pose(
        id=pose_id,
        view=view,
        props=props,
        contacts=tuple(contacts),
        angles=_parse_angles(data, view),
        place=_parse_place(data, view, props),
        highlight=highlight,
        motion=motion,
        motion_at=motion_at,
        arrow_at=arrow_at,
        file=file,
        baby=_parse_baby(data, view, props),
    )


def load_poses(folder: Path) -> tuple[dict[str, Pose], tuple[ContentProblem, ...]]:
    """Every valid pose in ``folder`` by id, and one problem per bad file (never raises)."""
    good, problems = f.load_folder(folder, "pose", parse_pose)
    return {pose.id: pose for pose in good}, problems
