"""The Today page's line about her recovery, as plain text."""

from __future__ import annotations

from datetime import date

from backcare.core.plan import Profile
from backcare.messages import one_unlock_sentence, recovery_text

TODAY = date(2026, 11, 23)


def test_without_a_birth_date_she_is_told_why_and_offered_the_setup() -> None:
    text, offer = recovery_text(Profile(), TODAY, [])
    assert offer and "does not know yet when your baby was born" in text


def test_her_week_and_what_opened_this_week() -> None:
    profile = Profile(date(2026, 10, 19), "caesarean")
    text, offer = recovery_text(profile, TODAY, ["From this week you can add the bridge."])
    assert not offer
    assert text == ("Your baby is 5 weeks old, after a caesarean birth. "
                    "From this week you can add the bridge.")


def test_the_first_days_and_an_unknown_type_of_birth() -> None:
    assert recovery_text(Profile(TODAY, "vaginal"), TODAY, [])[0].startswith(
        "Your baby was born today")
    text, offer = recovery_text(Profile(date(2026, 11, 20)), TODAY, [])
    assert offer and text.startswith("Your baby is less than a week old.")
    assert "careful timing after a caesarean" in text
    assert recovery_text(Profile(date(2026, 11, 16), "assisted"), TODAY, [])[0] == (
        "Your baby is 1 week old, after an assisted birth (forceps or vacuum).")


def test_several_unlocks_read_as_one_sentence() -> None:
    news = ["From this week you can add knee hugs.", "From this week you can add the bridge."]
    assert one_unlock_sentence(news) == [
        "From this week you can add knee hugs and the bridge."]
    three = [*news, "From this week you can add careful backward steps."]
    assert one_unlock_sentence(three) == [
        "From this week you can add knee hugs, the bridge and careful backward steps."]
    assert one_unlock_sentence(news[:1]) == news[:1]
    assert one_unlock_sentence([]) == []


def test_a_hard_birth_is_named_with_the_timings_it_brings() -> None:
    hard = Profile(date(2026, 11, 1), "vaginal", complicated_birth=True)
    text, offer = recovery_text(hard, TODAY, [])
    assert text.endswith("After a deep tear or a complicated birth, Back Care keeps to the "
                         "slower timings used after a caesarean.")
    assert not offer
    # After a caesarean the timings are the same ones: nothing more to say.
    csection = Profile(date(2026, 11, 1), "caesarean", complicated_birth=True)
    assert "deep tear" not in recovery_text(csection, TODAY, [])[0]
