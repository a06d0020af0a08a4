"""The figure in words, for a screen reader: "lying on your back, knees bent, hips lifted off
the mat".

Made from the pose itself (its view, props, contacts and joint angles), never from the step's
instruction: the instruction says what to do, these words say what the picture shows, so a
reader who cannot see it hears the position she is meant to be in. A new pose file gets words
without anyone writing them, and the words cannot drift from the drawing. Pure: no Qt here.

Thresholds are in degrees of flexion (see ``pose``): a knee past 60° reads as bent, under 20°
as straight; a hip past 100° with the knee past 100° is a knee hugged to the chest.
"""

from __future__ import annotations

from backcare.figures.body import FRONT
from backcare.figures.pose import Pose

BENT = 60.0
STRAIGHT = 20.0
HUGGED = 100.0


def _norm(angle: float) -> float:
    """An angle in [0, 360)."""
    return angle % 360.0


def _touches(pose: Pose, *points: str) -> bool:
    return any(c.point in points for c in pose.contacts)


def posture(pose: Pose) -> str:
    """Where her body is: standing, lying on her back, on hands and knees..."""
    if pose.place.on == "ball":
        return "sitting on the ball"
    if pose.view == FRONT:
        return "standing with your back to the wall" if "wall" in pose.props else "standing"
    trunk = _norm(pose.angle("trunk.angle"))
    if 60.0 <= trunk <= 120.0:
        if "wall" in pose.props:
            return "standing with your back against the wall"
        if "counter" in pose.props:
            return "standing, one hand on the counter"
        return "standing"
    if 150.0 <= trunk <= 215.0:
        return "lying on your back"
    knees_down = _touches(pose, "near_knee", "far_knee")
    if _touches(pose, "near_elbow"):
        if knees_down:
            return "on your forearms and knees"
        return "in a plank on your forearms and toes"
    if knees_down and _touches(pose, "near_hand", "far_hand"):
        if max(pose.angle("near.hip"), pose.angle("far.hip")) < STRAIGHT:
            return "in a kneeling plank on your hands and knees"
        return "on your hands and knees"
    return "lying on your front"


def _leg(pose: Pose, side: str) -> str:
    """One leg in a word or three: "bent", "long", "hugged", "raised straight"..."""
    hip, knee = pose.angle(f"{side}.hip"), pose.angle(f"{side}.knee")
    if hip > HUGGED and knee > HUGGED:
        return "hugged to your chest"
    if knee < STRAIGHT and hip >= 45.0:
        return "raised straight up"
    if 70.0 <= hip <= 110.0 and 70.0 <= knee <= 110.0 and not _touches(pose, f"{side}_heel"):
        return "raised, knee bent at a right angle"
    if knee > BENT:
        return "bent"
    if not _touches(pose, f"{side}_heel", f"{side}_toe", f"{side}_foot"):
        return "lifted"
    if knee < STRAIGHT and hip < STRAIGHT:
        return "long"
    return "slightly bent"


def _legs_on_back(pose: Pose) -> str:
    near, far = _leg(pose, "near"), _leg(pose, "far")
    if near == far:
        return {
            "hugged to your chest": "both knees hugged to your chest",
            "bent": "knees bent, feet on the mat",
            "long": "legs long on the mat",
        }.get(near, f"both legs {near}")
    one = "knee" if near in ("bent", "hugged to your chest") else "leg"
    other = "knee" if far in ("bent", "hugged to your chest") else "leg"
    return f"one {one} {near}, the other {other} {far}"


def _arms_front(pose: Pose) -> str:
    left, right = pose.angle("left.arm"), pose.angle("right.arm")

    def word(arm: float) -> str:
        if arm >= 150.0:
            return "raised over your head"
        if arm >= 60.0:
            return "out to the side"
        return "by your side"

    if word(left) == word(right):
        return {"raised over your head": "arms raised over your head",
                "out to the side": "arms out to the sides",
                "by your side": "arms by your sides"}[word(left)]
    return f"one arm {word(max(left, right))}"


def details(pose: Pose) -> list[str]:
    """What else the picture shows, after the posture."""
    where = posture(pose)
    out: list[str] = []
    if where == "lying on your back":
        out.append(_legs_on_back(pose))
        if not _touches(pose, "pelvis", "lower_back", "sacrum") and _touches(pose, "upper_back"):
            out.append("hips lifted off the mat")
    elif where == "on your hands and knees":
        curve = pose.angle("trunk.curve")
        out.append("back rounded up" if curve > 0.3 else "back flat")
        if min(pose.angle("near.hip"), pose.angle("far.hip")) < STRAIGHT:
            out.append("one leg stretched out behind you")
    elif where.startswith("standing") and pose.view == FRONT:
        out.append(_arms_front(pose))
    elif where == "sitting on the ball":
        out.append(_arms_front(pose))
        lean = pose.angle("trunk.lean")
        if abs(lean) >= 8.0:
            out.append("leaning to one side")
    elif where.startswith("standing"):
        hips = (pose.angle("near.hip"), pose.angle("far.hip"))
        if min(hips) < -STRAIGHT / 2 and max(hips) <= STRAIGHT / 2:
            out.append("one foot stepped back")
        elif max(hips) > STRAIGHT / 2 and min(hips) < -STRAIGHT / 2:
            out.append("mid-stride")
        if "wall" in pose.props:
            out.append("lower back flat against the wall" if _touches(pose, "lower_back")
                       else "a small hollow between your lower back and the wall")
    elif where == "lying on your front" and pose.motion == "down":
        out.append("pressing down through your hands")
    if "pelvis" in pose.highlight:
        out.append("pelvic floor squeezed")
    return out


def pose_words(pose: Pose) -> str:
    """The pose in a short phrase, most telling first: "lying on your back, knees bent, feet on
    the mat, hips lifted off the mat"."""
    return ", ".join([posture(pose), *details(pose)])
