"""A thin timer around the lifecycle: it asks "when next?" and says "it is now".

The plan is the truth and the lifecycle (``core/lifecycle.py``) decides everything about a
reminder; this adapter only brings time to it on the Qt main thread and carries its answers
(``Changes``) out through one signal, ``changed``. APScheduler holds a single in-memory job,
a DateTrigger at the lifecycle's next moment, re-armed after every input, never persisted or
pickled. A DateTrigger at an absolute instant is right whenever it was built, across DST and
however long ago: no cron table of wall times can go stale.

Time can jump: a laptop sleeps (Qt timers count monotonic time, which stops during suspend), or
the wall clock is set. logind's PrepareForSleep(false), a once-a-minute watchdog that compares
the wall clock with the monotonic one, and the start itself all call the lifecycle's ``tick``,
which knows what to do with a late, an early or a jumping clock; the scheduler is then re-armed.
"""

from __future__ import annotations

import time as _time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.qt import QtScheduler
from apscheduler.triggers.date import DateTrigger
from jeepney import MatchRule, Message
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from backcare.core.lifecycle import Lifecycle
from backcare.core.lifecycle_io import Answer, Changes
from backcare.core.plan import Plan
from backcare.core.reminders import Reminder
from backcare.desktop.bus_link import BusLink

if TYPE_CHECKING:
    from backcare.core.guided import SessionOutcome

WATCHDOG_MS = 60_000
LOGIND = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
LOGIND_MANAGER = "org.freedesktop.login1.Manager"
JUMP = timedelta(seconds=30)  # wall clock vs monotonic drift that counts as a jump or resume
NEXT_JOB = "next"  # the id's prefix: each arming is a new job (see ``_arm``)


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
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
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


class ReminderService(QObject):
    """Brings the clock to the lifecycle and its ``Changes`` to the shell (``changed``)."""

    changed = Signal(object)  # Changes

    def __init__(
        self,
        lifecycle: Lifecycle,
        *,
        clock: Callable[[], datetime] | None = None,
        monotonic: Callable[[], float] = _time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.lifecycle = lifecycle
        self.tz: ZoneInfo = lifecycle.tz
        self._clock = clock or (lambda: datetime.now(self.tz))
        self._monotonic = monotonic
        self.scheduler = MainThreadQtScheduler(timezone=self.tz)
        # No timer type: Qt turns a coarse timer of 20 s or more into a very coarse one itself,
        # and naming Qt.TimerType would build the whole Qt namespace at start (app/startup.py).
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(WATCHDOG_MS)
        self._watchdog.timeout.connect(self.check_clock)
        self._wall_mark = self.now()
        self._mono_mark = monotonic()
        self._sleep_link: BusLink | None = None
        self._armed = 0  # how many times a job was armed: each job's id is new
        self._firing: str | None = None  # the job running now, which APScheduler removes

    def now(self) -> datetime:
        return self._clock()

    @property
    def plan(self) -> Plan:
        return self.lifecycle.plan

    # -- running -------------------------------------------------------------------------------

    def start(self) -> None:
        self.scheduler.start()
        self._run(self.lifecycle.tick(self.now()))
        self._watchdog.start()
        self._listen_for_sleep()

    def stop(self) -> None:
        self._watchdog.stop()
        if self._sleep_link is not None:
            self._sleep_link.close()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def _run(self, changes: Changes) -> Changes:
        """Carry one input's changes out, and arm the timer for the lifecycle's next moment."""
        self._arm()
        if changes:
            self.changed.emit(changes)
        return changes

    def _arm(self) -> None:
        """One job at the lifecycle's next moment. A fresh id each time: the job that is
        running now is left for APScheduler, which removes a spent DateTrigger job itself."""
        if not self.scheduler.running:
            return
        for job in self.scheduler.get_jobs():
            if job.id != self._firing:
                job.remove()
        wake = self.lifecycle.next_wake(self.now())
        if wake is None:
            return
        self._armed += 1
        job_id = f"{NEXT_JOB}:{self._armed}"
        self.scheduler.add_job(self._fire, DateTrigger(run_date=wake, timezone=self.tz),
                               args=[job_id], id=job_id)

    @property
    def next_wake(self) -> datetime | None:
        """When the timer will next ask the lifecycle (None when nothing is ahead)."""
        times = [job.next_run_time for job in self.scheduler.get_jobs()
                 if job.id != self._firing and job.next_run_time is not None]
        return min(times) if times else None

    def _fire(self, job_id: str) -> None:
        self._firing = job_id
        try:
            self._run(self.lifecycle.tick(self.now()))
        finally:
            self._firing = None

    @Slot()
    def check_clock(self) -> bool:
        """Watchdog: a tick every minute; if the wall clock moved differently from the
        monotonic one (a resume, or the clock was set), the scheduler is woken and re-armed."""
        wall, mono = self.now(), self._monotonic()
        drift = (wall - self._wall_mark) - timedelta(seconds=mono - self._mono_mark)
        self._wall_mark, self._mono_mark = wall, mono
        jumped = abs(drift) >= JUMP
        self._run(self.lifecycle.resumed(wall) if jumped else self.lifecycle.tick(wall))
        if jumped and self.scheduler.running:
            self.scheduler.wakeup()
        return jumped

    def resync(self) -> Changes:
        return self._run(self.lifecycle.resumed(self.now()))

    # -- her inputs ----------------------------------------------------------------------------

    def set_plan(self, plan: Plan) -> Changes:
        return self._run(self.lifecycle.set_plan(plan, self.now()))

    def answer(self, key: str, answer: Answer, detail: str = "",
               food: str | None = None) -> Changes:
        return self._run(self.lifecycle.answer(key, answer, self.now(), detail, food))

    def opened(self, key: str) -> Changes:
        return self._run(self.lifecycle.opened(key))

    def finish_session(self, key: str | None, outcome: SessionOutcome) -> Changes:
        return self._run(self.lifecycle.finish_session(key, outcome, self.now()))

    def pause(self, minutes: int) -> datetime:
        """Pause for ``minutes``, or until tomorrow's waking hours when ``minutes`` is -1."""
        now = self.now()
        until = self.lifecycle.pause_end(minutes, now)
        self._run(self.lifecycle.pause(until, now))
        return until

    def resume(self) -> None:
        self._run(self.lifecycle.resume(self.now()))

    def paused_until(self) -> datetime | None:
        paused = self.lifecycle.paused(self.now())
        return None if paused is None else paused[1]

    def next_due(self) -> Reminder | None:
        return self.lifecycle.next_due(self.now())

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
            if self.scheduler.running:
                self.scheduler.wakeup()
