"""What notifications say and offer."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from backcare.core.reminders import Kind, Reminder
from backcare.core.today import Action
from backcare.messages import (
    away_summary,
    birth_age_words,
    next_text,
    notification_for,
    reminder_words,
)

TZ = ZoneInfo("Europe/London")


def rem(kind: Kind, hour: int, label: str = "", exercises: tuple[str, ...] = (),
        meal: str = "") -> Reminder:
    when = datetime(2026, 11, 23, hour, tzinfo=TZ)
    return Reminder(when, kind, f"{kind}:{when:%Y-%m-%dT%H:%M}", label, exercises, meal)


def test_each_kind_has_its_buttons() -> None:
    summary, body, actions = notification_for(
        rem(Kind.EXERCISE, 8, "Morning", ("bridge",)), {"bridge": "Bridge"}
    )
    assert summary.startswith("Morning exercises")
    assert "Bridge" in body
    assert [k for k, _ in actions] == [Action.OPEN, Action.START, Action.SNOOZE, Action.SKIP]
    assert [k.value for k, _ in actions] == ["default", "start", "snooze", "skip"]
    lunch = rem(Kind.CALCIUM, 12, meal="lunch")
    assert [k for k, _ in notification_for(lunch, {})[2]] == [Action.TAKEN, Action.SNOOZE]
    assert notification_for(lunch, {})[0] == "Calcium with lunch"
    posture = [k for k, _ in notification_for(rem(Kind.POSTURE, 9), {})[2]]
    assert posture == [Action.OPEN, Action.START, Action.DONE, Action.SNOOZE, Action.SKIP]


def test_a_reminder_in_words_is_made_from_its_fields() -> None:
    titles = {"bridge": "Bridge", "cat-back": "Cat back"}
    session = rem(Kind.EXERCISE, 15, "Afternoon", ("bridge", "cat-back"))
    assert reminder_words(session, titles) == "Afternoon exercises: Bridge, Cat back"
    assert reminder_words(rem(Kind.EXERCISE, 15, "", ("bridge",)), titles) == "Exercises: Bridge"
    assert reminder_words(rem(Kind.CALCIUM, 18, meal="dinner"), {}) == "Calcium with dinner"


def test_away_summary_is_one_sentence() -> None:
    title, body = away_summary([rem(Kind.POSTURE, 9), rem(Kind.POSTURE, 11),
                                rem(Kind.CALCIUM, 12, meal="lunch")])
    assert title == "While you were away"
    assert body == (
        "1 calcium reminder and 2 posture breaks passed. That's fine: carry on from now."
    )
    assert "missed" not in body


def test_next_text() -> None:
    assert next_text(None) == "Nothing planned"
    assert next_text(rem(Kind.POSTURE, 11)) == "Next: posture break at 11:00"


def test_the_calcium_notification_says_which_food_taken_counts() -> None:
    from backcare.core.content import Food

    milk = Food("milk", "Milk", "1 glass (250 ml)", 260, "per 100 g", ("G-X",), "G-CHINA-FCT")
    lunch = rem(Kind.CALCIUM, 12, meal="lunch")
    _summary, body, _actions = notification_for(lunch, {}, milk)
    assert body == ("Taken counts your usual food: Milk, 1 glass (250 ml), about 260 mg. "
                    "Had something else? Choose it on the Today page.")
    assert "Taken counts" not in notification_for(lunch, {})[1]  # no food list: no claim


def test_the_birth_date_is_said_back_in_weeks() -> None:
    today = date(2026, 11, 23)
    assert birth_age_words(today, today) == "Born today."
    assert birth_age_words(date(2026, 11, 22), today) == "That is yesterday."
    assert birth_age_words(date(2026, 11, 18), today) == "That is 5 days ago."
    assert birth_age_words(date(2026, 11, 16), today) == "That is 1 week ago."
    assert birth_age_words(date(2026, 11, 15), today) == "That is 1 week and 1 day ago."
    assert birth_age_words(date(2026, 10, 10), today) == "That is 6 weeks and 2 days ago."
    assert birth_age_words(date(2026, 10, 12), today) == "That is 6 weeks ago."
    assert birth_age_words(date(2026, 11, 24), today).startswith("That date is still to come")


# -- one tip with each posture break (issue 15) ----------------------------------------------


def test_each_shipped_tip_fits_a_notification_cut_between_words() -> None:
    from backcare.core.content import load_advice
    from backcare.messages import TIP_MOST, short_tip
    from backcare.paths import resources_dir

    tips, _ = load_advice(resources_dir() / "advice.toml")
    for tip in tips:
        short = short_tip(tip)
        whole = f"{tip.title}. {tip.text}"
        assert len(short) <= TIP_MOST, tip.id
        assert short.startswith(f"{tip.title}. "), tip.id
        kept = short.removesuffix("…")
        assert whole.startswith(kept), tip.id
        assert whole[len(kept):][:1] in ("", " ", ","), tip.id  # never inside a word
        assert short.endswith((".", "…", "?", "!")), tip.id


def test_a_short_tip_whole_sentences_first_then_a_word_cut() -> None:
    from backcare.core.content import Tip
    from backcare.messages import short_tip

    def tip(text: str) -> Tip:
        return Tip("t", "Sit back", text, "sitting", ("F001-cushion",))

    assert short_tip(tip("Lean on the backrest.")) == "Sit back. Lean on the backrest."
    two = tip("Lean on the backrest. " + "Tuck a small cushion behind your back. " * 5)
    assert short_tip(two, 80) == (
        "Sit back. Lean on the backrest. Tuck a small cushion behind your back."
    )
    long_one = tip("Slide your bottom right to the back of the chair and lean on the backrest")
    assert short_tip(long_one, 41) == "Sit back. Slide your bottom right to the…"
    assert short_tip(long_one, 40) == "Sit back. Slide your bottom right to…"
    assert short_tip(long_one, 39) == "Sit back. Slide your bottom right to…"


def test_the_posture_break_carries_one_tip_below_its_words() -> None:
    from backcare.core.content import Tip
    from backcare.messages import with_tip

    _, body, _ = notification_for(rem(Kind.POSTURE, 9), {})
    tip = Tip("bend-less", "Bend less", "Bending forward over and over tires your back.",
              "posture", ("F001-avoid-long-stand-squat",))
    assert with_tip(body, tip) == (
        "Stand up, stretch your back tall and walk about for a minute or two.\n\n"
        "Bend less. Bending forward over and over tires your back."
    )
    assert with_tip(body, None) == body
