"""Turns her plan into timed reminders on the Qt main thread, and keeps them honest about time.

The plan is the truth; APScheduler jobs are derived from it (one CronTrigger per wall-clock slot
the plan uses) in a memory job store, never persisted or pickled, and rebuilt on every change.
When a slot fires, the pure ``reminders()`` function says what is due at that moment, so quiet
spans, naps, weekdays and DST are decided in one place.

Time can jump: a laptop sleeps (Qt timers count monotonic time, which stops during suspend), or
the wall clock is set. On logind's PrepareForSleep(false), on a wall-clock jump seen by a coarse
watchdog, and at start-up, everything due since the last check that was not handled becomes ONE
"while you were away" summary, never a burst, and the scheduler re-arms its timer.
"""

from __future__ import annotations

import time as _time
from collections.abc import Callable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.qt import QtScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from jeepney import MatchRule, Message
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from backcare.core.plan import Plan
from backcare.core.reminders import Reminder, next_reminder, reminders
from backcare.core.store import Store
from backcare.desktop.bus_link import BusLink

ON_TIME = timedelta(minutes=2)  # a reminder this late is still shown as itself, not "missed"
SNOOZE = timedelta(minutes=10)
WATCHDOG_MS = 60_000
LOGIND = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
LOGIND_MANAGER = "org.freedesktop.login1.Manager"
JUMP = timedelta(seconds=30)  # wall clock vs monotonic drift that counts as a jump or resume
LAST_CHECK = "last_check"
PAUSED_UNTIL = "paused_until"
FIRST_START = "first_start"  # before this, nothing was missed: Back Care was not there yet


class MainThreadQtScheduler(QtScheduler):
    """QtScheduler fixed for PySide6: a real, cancellable timer, and jobs run inline.

    Upstream keeps the return value of ``QTimer.singleShot`` as its handle, which is None under
    PySide6, so its timers are never stopped and stale ones keep firing. Upstream also runs jobs
    on a thread pool; Qt must only be touched from the main thread, so the DebugExecutor runs
    each job directly in ``_process_jobs``, which the Qt timer calls on the main thread.
    """

    def __init__(self, **options: object) -> None:
        self._qtimer: QTimer | None = None
        super().__init__(
            executors={"default": DebugExecutor()},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 120},
            **options,
        )

    def _start_timer(self, wait_seconds: float | None) -> None:
        self._stop_timer()
        if wait_seconds is None:
            return
        if self._qtimer is None:
            self._qtimer = QTimer()
            self._qtimer.setSingleShot(True)  # CoarseTimer, Qt's default: 5% slack is fine
            self._qtimer.timeout.connect(self._process_jobs)
        self._qtimer.start(min(int(wait_seconds * 1000), 2_147_483_647))

    def _stop_timer(self) -> None:
        if self._qtimer is not None:
            self._qtimer.stop()

    @property
    def timer_active(self) -> bool:
        return self._qtimer is not None and self._qtimer.isActive()


def slot_times(plan: Plan, tz: ZoneInfo, around: datetime) -> list[time]:
    """Every wall-clock time of day at which something in the plan can be due."""
    start = around.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
    week = reminders(plan, start, start + timedelta(days=8), tz)
    return sorted({r.when.astimezone(tz).time().replace(second=0, microsecond=0) for r in week})


def slot_groups(times: list[time]) -> dict[int, list[int]]:
    """The slots' hours, by minute past the hour: [07:30, 09:00, 12:30] -> {0: [9], 30: [7, 12]}."""
    groups: dict[int, list[int]] = {}
    for at in sorted(times):
        groups.setdefault(at.minute, []).append(at.hour)
    return groups


class ReminderService(QObject):
    """Owns the scheduler; tells the shell what is due, what was missed, and the pause state."""

    reminderDue = Signal(object)  # Reminder
    awaySummary = Signal(object)  # list[Reminder], all missed since the last check
    changed = Signal()
    dayChanged = Signal()  # her date moved on (midnight, or a resume on a later day)

    def __init__(
        self,
        plan: Plan,
        tz: ZoneInfo,
        store: Store,
        *,
        monotonic: Callable[[], float] = _time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.plan = plan
        self.tz = tz
        self.store = store
        self._monotonic = monotonic
        self._pending: dict[str, Reminder] = {}
        self.scheduler = MainThreadQtScheduler(timezone=tz)
        # No timer type: Qt turns a coarse timer of 20 s or more into a very coarse one itself,
        # and naming Qt.TimerType would build the whole Qt namespace at start (app/startup.py).
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(WATCHDOG_MS)
        self._watchdog.timeout.connect(self.check_clock)
        self._wall_mark = self.now()
        self._mono_mark = monotonic()
        self._day = self._wall_mark.date()
        self._sleep_link: BusLink | None = None

    def now(self) -> datetime:
        return datetime.now(self.tz)

    # -- life cycle ----------------------------------------------------------------------

    def start(self) -> None:
        self.catch_up()
        self.rebuild(self.plan)
        self.scheduler.start()
        self._watchdog.start()
        self._listen_for_sleep()

    def stop(self) -> None:
        self._watchdog.stop()
        if self._sleep_link is not None:
            self._sleep_link.close()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def rebuild(self, plan: Plan) -> None:
        """Derive the jobs from ``plan`` afresh: one cron job per minute past the hour that
        the plan's wall-clock slots use (07:30 and 12:30 share "hours 7 and 12, minute 30").

        One job per minute rather than per slot: the default plan's 13 slots need 2 jobs, and
        each CronTrigger costs about 0.15 ms to build at every start and every change.
        """
        self.plan = plan
        for job in self.scheduler.get_jobs():
            if job.id.startswith("slots:"):
                job.remove()
        days = ",".join(str(d) for d in sorted(plan.weekdays)) or "0-6"
        for minute, hours in slot_groups(slot_times(plan, self.tz, self.now())).items():
            self.scheduler.add_job(
                self._fire,
                CronTrigger(hour=",".join(map(str, hours)), minute=minute, day_of_week=days,
                            timezone=self.tz),
                id=f"slots:{minute:02d}",
                replace_existing=True,
            )
        self.changed.emit()

    # -- firing --------------------------------------------------------------------------

    def _handled(self, reminder: Reminder) -> bool:
        return self.store.latest_event(reminder.key) is not None

    def _fire(self) -> None:
        now = self.now()
        due = [
            r for r in reminders(self.plan, now - ON_TIME, now + timedelta(seconds=1), self.tz)
            if not self._handled(r)
        ]
        paused = self.paused_until()
        for reminder in due:
            if paused is not None:
                self.store.record(reminder.kind, reminder.key, "skipped", "paused")
                continue
            self.store.record(reminder.kind, reminder.key, "fired")
            self._pending[reminder.key] = reminder
            self.reminderDue.emit(reminder)
        self._mark_checked(now)
        self.changed.emit()

    def catch_up(self) -> list[Reminder]:
        """Everything due since the last check and not handled: recorded missed, told once."""
        now = self.now()
        raw = self.store.get_setting(LAST_CHECK)
        last = None
        if isinstance(raw, str):
            try:
                last = datetime.fromisoformat(raw)
            except ValueError:
                last = None
        if raw is None and self.store.get_setting(FIRST_START) is None:
            self.store.set_setting(FIRST_START, now.isoformat())
        missed: list[Reminder] = []
        if last is not None and last.tzinfo is not None and last < now - ON_TIME:
            missed = [
                r for r in reminders(self.plan, last, now - ON_TIME, self.tz)
                if not self._handled(r)
            ]
        for reminder in missed:
            self.store.record(reminder.kind, reminder.key, "missed")
        self._mark_checked(now)
        if missed:
            self.awaySummary.emit(missed)
        return missed

    def _mark_checked(self, now: datetime) -> None:
        self.store.set_setting(LAST_CHECK, now.isoformat())

    @Slot()
    def check_clock(self) -> bool:
        """Watchdog: if wall time moved differently from monotonic time, catch up and re-arm."""
        wall, mono = self.now(), self._monotonic()
        drift = (wall - self._wall_mark) - timedelta(seconds=mono - self._mono_mark)
        self._wall_mark, self._mono_mark = wall, mono
        if wall.date() != self._day:
            # Before any catch-up, so that a new week's plan is in place when it looks back.
            self._day = wall.date()
            self.dayChanged.emit()
        if abs(drift) < JUMP:
            self._mark_checked(wall)
            return False
        self.resync()
        return True

    def resync(self) -> None:
        self.catch_up()
        if self.scheduler.running:
            self.scheduler.wakeup()
        self.changed.emit()

    # -- her answers ---------------------------------------------------------------------

    def answer(self, key: str, event: str) -> None:
        """Record done / skipped for a reminder she answered."""
        reminder = self._pending.pop(key, None)
        kind = reminder.kind if reminder else key.split(":", 1)[0]
        self.store.record(kind, key, event)
        self.changed.emit()

    def pending(self, key: str) -> Reminder | None:
        """The reminder shown under ``key`` that she has not answered yet."""
        return self._pending.get(key)

    def snooze(self, key: str) -> None:
        reminder = self._pending.get(key)
        if reminder is None:
            return
        self.store.record(reminder.kind, key, "snoozed")
        self.scheduler.add_job(
            self._fire_snoozed,
            DateTrigger(run_date=self.now() + SNOOZE, timezone=self.tz),
            args=[key],
            id=f"snooze:{key}",
            replace_existing=True,
        )
        self.changed.emit()

    def _fire_snoozed(self, key: str) -> None:
        reminder = self._pending.get(key)
        if reminder is None or self.paused_until() is not None:
            return
        self.store.record(reminder.kind, key, "fired", "after snooze")
        self.reminderDue.emit(reminder)

    # -- pause ---------------------------------------------------------------------------

    def pause(self, minutes: int) -> datetime:
        """Pause for ``minutes``, or until tomorrow's waking hours when ``minutes`` is -1."""
        now = self.now()
        if minutes < 0:
            tomorrow = (now + timedelta(days=1)).date()
            until = datetime.combine(tomorrow, self.plan.waking.start, tzinfo=self.tz)
        else:
            until = now + timedelta(minutes=minutes)
        self.store.set_setting(PAUSED_UNTIL, until.isoformat())
        self.scheduler.add_job(
            self.changed.emit, DateTrigger(run_date=until, timezone=self.tz),
            id="resume", replace_existing=True,
        )
        self.changed.emit()
        return until

    def resume(self) -> None:
        self.store.set_setting(PAUSED_UNTIL, None)
        if self.scheduler.get_job("resume") is not None:
            self.scheduler.remove_job("resume")
        self.changed.emit()

    def paused_until(self) -> datetime | None:
        raw = self.store.get_setting(PAUSED_UNTIL)
        if not isinstance(raw, str):
            return None
        try:
            until = datetime.fromisoformat(raw)
        except ValueError:
            return None
        return until if until.tzinfo is not None and until > self.now() else None

    def next_due(self) -> Reminder | None:
        return next_reminder(self.plan, self.now(), self.tz)

    # -- suspend -------------------------------------------------------------------------

    def _listen_for_sleep(self) -> None:
        """logind says PrepareForSleep(true) before suspend and (false) after resume.

        Over jeepney on the system bus (``desktop/bus_link.py`` says why not QtDBus). Where there is
        no system bus or no logind, the watchdog alone notices the jump on waking.
        """
        if self._sleep_link is not None:
            return
        rule = MatchRule(type="signal", sender=LOGIND, path=LOGIND_PATH,
                         interface=LOGIND_MANAGER, member="PrepareForSleep")
        self._sleep_link = BusLink.open("SYSTEM", [rule], self)
        if self._sleep_link is not None:
            self._sleep_link.received.connect(self._on_sleep_signal)

    def _on_sleep_signal(self, msg: Message) -> None:
        if msg.body and isinstance(msg.body[0], bool):  # the signal's one argument, "b"
            self.on_prepare_for_sleep(msg.body[0])

    @property
    def listening_for_sleep(self) -> bool:
        return self._sleep_link is not None and self._sleep_link.connected

    @Slot(bool)
    def on_prepare_for_sleep(self, going_to_sleep: bool) -> None:
        if not going_to_sleep:
            self.resync()
