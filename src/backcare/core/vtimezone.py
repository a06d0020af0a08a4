"""Her time zone as an RFC 5545 VTIMEZONE, so a calendar file says what its times mean.

Most calendar programs read an IANA ``TZID`` ("Europe/London") with their own time zone data
and only fall back on the VTIMEZONE; the ones that read it must get the same instants as
zoneinfo. icalendar's own ``Timezone.from_tzinfo`` (7.3) writes the onset of summer time as the
first wall time *after* the change (02:00 in London on the last Sunday of March), but RFC 5545
reads an observance's DTSTART in its TZOFFSETFROM, so a reader following the RFC (icalendar's
own parser among them) would start summer time an hour late. Here every onset is the instant
of the change written in the offset in force before it (01:00 in London, 02:00 in New York),
as in the RFC's examples, one observance per change: a calendar of a few weeks has only a few.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_STEP = timedelta(hours=1)  # no zone changes its offset twice within an hour


def _offset(tz: ZoneInfo, instant: datetime) -> timedelta:
    offset = instant.astimezone(tz).utcoffset()
    assert offset is not None
    return offset


def transitions(tz: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """The instants (aware, UTC) in ``(start, end]`` at which ``tz`` changes its UTC offset."""
    found: list[datetime] = []
    moment = start.astimezone(UTC)
    end = end.astimezone(UTC)
    while moment < end:
        later = min(moment + _STEP, end)
        before = _offset(tz, moment)
        if _offset(tz, later) != before:
            low, high = moment, later  # offset(low) == before != offset(high)
            while high - low > timedelta(seconds=1):
                middle = (low + (high - low) / 2).replace(microsecond=0)
                if _offset(tz, middle) == before:
                    low = middle
                else:
                    high = middle
            found.append(high)
        moment = later
    return found


def _observance(
    tz: ZoneInfo, onset: datetime, before: timedelta
) -> TimezoneStandard | TimezoneDaylight:
    """One STANDARD or DAYLIGHT part: from ``onset`` (UTC) on, the offset in force after it."""
    local = onset.astimezone(tz)
    part: TimezoneStandard | TimezoneDaylight = (
        TimezoneDaylight() if local.dst() else TimezoneStandard()
    )
    after = local.utcoffset()
    assert after is not None
    part.add("TZNAME", local.tzname() or str(after))
    part.add("TZOFFSETFROM", before)
    part.add("TZOFFSETTO", after)
    part.add("DTSTART", (onset + before).replace(tzinfo=None))  # in the offset before (RFC)
    return part


def vtimezone(tz: ZoneInfo, first: date, last: date) -> Timezone:
    """The VTIMEZONE for ``tz`` that is right from local midnight on ``first`` to the end of
    ``last`` (with a day's margin each side, for times moved across midnight by a change)."""
    if tz.key is None:
        raise ValueError("The time zone needs an IANA name (such as Europe/London).")
    start = datetime.combine(first - timedelta(days=1), datetime.min.time(), tzinfo=tz)
    end = datetime.combine(last + timedelta(days=2), datetime.min.time(), tzinfo=tz)
    component = Timezone()
    component.add("TZID", tz.key)
    start_utc = start.astimezone(UTC)
    opening = _offset(tz, start_utc)
    component.add_component(_observance(tz, start_utc, opening))  # what is in force at first
    for change in transitions(tz, start_utc, end):
        before = _offset(tz, change - timedelta(seconds=1))
        component.add_component(_observance(tz, change, before))
    return component
