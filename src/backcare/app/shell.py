"""Builds the QApplication and wires the pure core to the Qt shell.

Kept apart from ``cli`` so that the command line never pays for importing Qt when it does
not open a window. Nothing here decides anything: the service says what is due, the progression
says which exercises fit her week, ``messages`` says what a notification reads and offers, the
widgets show it.

Her saved plan (``base_plan``) and what reminds her today (the service's plan) differ: sessions
that follow her recovery are filled in for the day, and an exercise paused after a setback is
left out. Both are recomputed whenever the plan, the date or a pause changes; only her own
plan is ever saved.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog, QSystemTrayIcon, QVBoxLayout, QWidget

from backcare.catalog import Catalog
from backcare.core.plan import Nap, Plan
from backcare.core.progression import (
    ExerciseStatus,
    effective_plan,
    statuses,
    unlock_messages,
    week_after_birth,
)
from backcare.core.reminders import Reminder
from backcare.core.setbacks import pause_after_setback
from backcare.core.store import Store
from backcare.core.today import day_timeline
from backcare.desktop.notifications import DesktopNotifier
from backcare.messages import (
    away_summary,
    next_text,
    notification_for,
    one_unlock_sentence,
    recovery_text,
)
from backcare.scheduling.service import FIRST_START, ReminderService
from backcare.settings import (
    SETUP_KEY,
    load_pauses,
    load_plan,
    save_pauses,
    save_plan,
)
from backcare.ui.main_window import MainWindow
from backcare.ui.today_page import TodayPage
from backcare.ui.tray import Tray

if TYPE_CHECKING:
    from backcare.core.safety import Safety
    from backcare.ui.exercises_page import ExercisesPage
    from backcare.ui.settings_dialog import SettingsDialog
    from backcare.ui.setup_wizard import SetupWizard

SETBACK_WIDTH = 560
ANNOUNCED_KEY = "announced_unlocks"  # "<birth date>:<week>" whose news she has been given


class Shell(QObject):
    """Connects reminders to notifications, the tray and the window."""

    def __init__(self, catalog: Catalog, store: Store, service: ReminderService,
                 window: MainWindow, today_page: TodayPage | None = None,
                 plan: Plan | None = None) -> None:
        super().__init__(window)
        self.catalog = catalog
        self.store = store
        self.service = service
        self.window = window
        self.base_plan = plan if plan is not None else service.plan
        self.statuses: dict[str, ExerciseStatus] = {}
        self.settings_dialog: SettingsDialog | None = None
        self.wizard: SetupWizard | None = None
        self.setback_dialog: QDialog | None = None
        self._safety: Safety | None = None
        self._safety_loaded = False
        self.titles = {e.id: e.title for e in catalog.exercises}
        self.shown: dict[str, str] = {}  # notification kind -> reminder key
        self.active_key: str | None = None
        self.notifier = DesktopNotifier(parent=self)
        self.tray = Tray(self)
        self.has_tray = QSystemTrayIcon.isSystemTrayAvailable()
        window.set_close_to_tray(self.has_tray)
        self.tray.openRequested.connect(window.bring_to_front)
        self.tray.quitRequested.connect(window.quit_app)
        self.tray.pauseRequested.connect(service.pause)
        self.tray.resumeRequested.connect(service.resume)
        self.tray.napRequested.connect(self.start_nap)
        self.tray.awakeRequested.connect(self.end_nap)
        service.changed.connect(self.refresh_status)
        service.reminderDue.connect(self.on_due)
        service.awaySummary.connect(self.on_away)
        self.notifier.actionInvoked.connect(self.on_action)
        window.sessionDone.connect(self.on_session_done)
        window.madeWorse.connect(self.on_made_worse)
        window.exercisesPageBuilt.connect(self._on_exercises_page)
        window.settingsRequested.connect(self.open_settings)
        self.tray.settingsRequested.connect(self.open_settings)
        service.dayChanged.connect(self.apply_progression)
        self.today_page = today_page or TodayPage()
        if today_page is None:
            window.add_page("Today", self.today_page)
        self.today_page.setupRequested.connect(self.open_setup)
        window.add_lazy_page("Safety", self._build_safety_page)
        milk = next((f for f in catalog.foods if f.id == "milk"), None)
        self.portion_mg = milk.calcium_mg if milk else 250

    def start(self) -> None:
        """Called once the service has started: its start rebuilt the jobs and, through
        ``changed``, already refreshed the status, so that is not done a second time."""
        if self.has_tray:
            self.tray.show()
        self.apply_progression(refresh=False)

    # -- her recovery --------------------------------------------------------------------

    def today(self) -> date:
        return self.service.now().date()

    def apply_progression(self, *, refresh: bool = True) -> None:
        """Fit today's reminders and the library to her week, pauses and plan.

        ``refresh=False``: the status is known to be fresh unless the plan changes.
        """
        today = self.today()
        pauses = load_pauses(self.store, today)
        exercises = self.catalog.exercises
        self.statuses = statuses(exercises, self.base_plan.profile, today, pauses)
        effective = effective_plan(self.base_plan, exercises, today, pauses)
        if effective != self.service.plan:
            self.service.rebuild(effective)
        elif refresh:
            self.refresh_status()
        if self.window.built_exercises_page is not None:
            self.window.built_exercises_page.set_statuses(self.statuses)
        if self.settings_dialog is not None:
            self.settings_dialog.set_not_yet(self.not_yet())
        unlocks = one_unlock_sentence(unlock_messages(exercises, self.base_plan.profile, today))
        text, offer = recovery_text(self.base_plan.profile, today, unlocks)
        self.today_page.set_recovery(text, offer_setup=offer)
        self._announce(unlocks, today)

    def _announce(self, unlocks: list[str], today: date) -> None:
        """Tell her once, gently, when a new week opens an exercise."""
        profile = self.base_plan.profile
        if not unlocks or profile.birth_date is None:
            return
        mark = f"{profile.birth_date.isoformat()}:{week_after_birth(profile.birth_date, today)}"
        if self.store.get_setting(ANNOUNCED_KEY) == mark:
            return
        self.store.set_setting(ANNOUNCED_KEY, mark)
        self.notify("progress", "New this week", " ".join(unlocks), (("default", "Open"),))

    def not_yet(self) -> dict[str, str]:
        """Exercise id -> the short reason it is not for her now, for the settings window."""
        return {
            ex_id: status.headline.removeprefix("This ").removesuffix(".")
            for ex_id, status in self.statuses.items() if not status.offered
        }

    def _on_exercises_page(self, page: ExercisesPage) -> None:
        page.set_statuses(self.statuses)

    def set_plan(self, plan: Plan) -> None:
        """She changed a setting (settings window, setup or import): save it and apply it now."""
        save_plan(self.store, plan)
        self.base_plan = plan
        self.apply_progression()
        if self.settings_dialog is not None and self.sender() is not self.settings_dialog:
            self.settings_dialog.set_plan(plan)

    def start_nap(self, minutes: int) -> None:
        """"Baby is napping": nothing reminds her for ``minutes``; what falls in it is dropped,
        not saved up for later (a nap is not a pause to catch up on)."""
        now = self.service.now()
        self.set_plan(replace(self.base_plan, nap=Nap(now, now + timedelta(minutes=minutes))))

    def end_nap(self) -> None:
        self.set_plan(replace(self.base_plan, nap=None))

    def reload_plan(self) -> None:
        """Settings were imported from the command line: read them and apply them now."""
        plan = load_plan(self.store)
        if plan != self.base_plan:
            self.base_plan = plan
            self.apply_progression()
            if self.settings_dialog is not None:
                self.settings_dialog.set_plan(plan)

    def on_made_worse(self, exercise_id: str) -> None:
        """Rest the exercise for a few days, take it out of her sessions, and say what helps."""
        today = self.today()
        pauses = pause_after_setback(load_pauses(self.store, today), exercise_id, today)
        save_pauses(self.store, pauses)
        self.store.record("exercise", f"setback:{exercise_id}:{today.isoformat()}", "skipped",
                          f"{exercise_id} made her back worse")
        self.apply_progression()
        page = self.window.built_exercises_page
        if page is not None:
            page.show_list()
        exercise = self.catalog.exercise(exercise_id)
        self.show_setback(exercise.title if exercise else exercise_id, pauses[exercise_id])

    def show_setback(self, title: str, until: date) -> QDialog:
        from PySide6.QtCore import Qt  # not at import: see app/startup.py

        from backcare.ui.safety_page import SetbackNotice

        if self.setback_dialog is not None:
            self.setback_dialog.close()
        dialog = QDialog(self.window)
        dialog.setWindowTitle("Exercise paused")
        dialog.setAccessibleName("Exercise paused")
        notice = SetbackNotice(title, until, self.safety())
        layout = QVBoxLayout(dialog)
        layout.addWidget(notice)
        # Wrapped text has no natural height: size the dialog for its width, or it is clipped.
        dialog.resize(SETBACK_WIDTH, layout.totalHeightForWidth(SETBACK_WIDTH))
        notice.dismissed.connect(dialog.accept)
        notice.safetyRequested.connect(dialog.accept)
        notice.safetyRequested.connect(lambda: self.window.show_page("Safety"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.setback_dialog = dialog
        dialog.destroyed.connect(lambda: setattr(self, "setback_dialog", None))
        return dialog

    # -- safety, setup and settings ----------------------------------------------------------

    def safety(self) -> Safety | None:
        """The safety content, read when first needed; None (with a sentence) if unreadable."""
        if not self._safety_loaded:
            from backcare.core.safety import load_safety
            from backcare.paths import resources_dir

            self._safety, problems = load_safety(resources_dir() / "safety.toml")
            self._safety_loaded = True
            for problem in problems:
                print(problem.sentence(), file=sys.stderr)
        return self._safety

    def _build_safety_page(self) -> QWidget:
        from PySide6.QtWidgets import QLabel

        from backcare.core.ledger import load_ledger
        from backcare.core.safety import source_labels
        from backcare.paths import seeds_dir
        from backcare.ui.safety_page import SafetyPage

        safety = self.safety()
        if safety is None:
            return QLabel(
                "The safety information could not be read. If you feel unwell, call your doctor "
                "or midwife; in an emergency call 999 (UK), 112 (Europe) or 911 (US)."
            )
        ledger, _ = load_ledger(seeds_dir() / "facts.toml")
        return SafetyPage(safety, source_labels(ledger))

    def needs_setup(self) -> bool:
        return self.store.get_setting(SETUP_KEY) is None

    def open_setup(self) -> SetupWizard:
        """The first-run questions (also from the Today page's offer); window-modal."""
        from backcare.core.safety import red_flag_lines
        from backcare.ui.setup_wizard import SetupWizard

        if self.wizard is not None:
            self.wizard.raise_()
            return self.wizard
        safety = self.safety()
        disclaimer = safety.disclaimer if safety is not None else ""
        flags = red_flag_lines(safety) if safety is not None else []
        wizard = SetupWizard(self.base_plan, self.today(), disclaimer, flags, self.window)
        wizard.planChosen.connect(self._on_setup_done)
        wizard.rejected.connect(self._on_setup_skipped)
        wizard.finished.connect(lambda _code: setattr(self, "wizard", None))
        self.wizard = wizard
        self.window.bring_to_front()
        wizard.open()
        return wizard

    def _on_setup_done(self, plan: Plan) -> None:
        self.store.set_setting(SETUP_KEY, "done")
        self.set_plan(plan)

    def _on_setup_skipped(self) -> None:
        """Skipped at first start: the disclaimer and warning signs are still shown, once."""
        if self.store.get_setting(SETUP_KEY) is None:
            self.store.set_setting(SETUP_KEY, "skipped")
            self.window.show_page("Safety")
            self.window.statusBar().showMessage(
                "Please read these warning signs once. You can set up Back Care any time from "
                "the Today page.", 60_000)

    def open_settings(self) -> SettingsDialog:
        from PySide6.QtCore import Qt  # not at import: see app/startup.py

        from backcare.ui.settings_dialog import SettingsDialog

        if self.settings_dialog is None:
            dialog = SettingsDialog(
                self.base_plan,
                self.today,
                [(e.id, e.title) for e in self.catalog.exercises],
                [(f.id, f.name) for f in self.catalog.foods],
                self.window,
                not_yet=self.not_yet(),
            )
            dialog.planChanged.connect(self.set_plan)
            dialog.finished.connect(lambda _code: setattr(self, "settings_dialog", None))
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.settings_dialog = dialog
        self.window.bring_to_front()
        self.settings_dialog.show()
        self.settings_dialog.raise_()
        self.settings_dialog.activateWindow()
        return self.settings_dialog

    def refresh_status(self) -> None:
        paused = self.service.paused_until()
        paused_text = f"Paused until {paused:%H:%M on %a}" if paused else None
        self.tray.set_status(next_text(self.service.next_due()), paused_text)
        now = self.service.now()
        nap = self.base_plan.nap
        napping = nap is not None and nap.start <= now < nap.until
        self.tray.set_nap(
            f"Quiet while the baby naps, until {nap.until.astimezone(self.service.tz):%H:%M}"
            if napping and nap is not None else None
        )
        if napping and nap is not None:
            left_ms = int((nap.until - now).total_seconds() * 1000) + 1000
            QTimer.singleShot(max(1000, left_ms), self.refresh_status)
        start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        events = self.store.events(start - timedelta(days=1), start + timedelta(days=2))
        self.today_page.set_day(
            day_timeline(self.service.plan, events, now.date(), now, self.service.tz,
                         self.portion_mg, self._first_start()),
            now,
            self.titles,
        )

    def _first_start(self) -> datetime | None:
        raw = self.store.get_setting(FIRST_START)
        try:
            return datetime.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            return None

    def notify(self, kind: str, summary: str, body: str,
               actions: tuple[tuple[str, str], ...]) -> None:
        if not self.notifier.show(kind, summary, body, actions) and self.has_tray:
            self.tray.show_message(summary, body)

    def on_due(self, reminder: Reminder) -> None:
        summary, body, actions = notification_for(reminder, self.titles)
        self.shown[reminder.kind] = reminder.key
        self.notify(reminder.kind, summary, body, actions)
        self.refresh_status()

    def on_away(self, missed: list[Reminder]) -> None:
        title, body = away_summary(missed)
        self.notify("summary", title, body, (("default", "Open"),))

    def on_action(self, kind: str, action: str) -> None:
        key = self.shown.get(kind)
        if kind == "summary" or key is None:
            self.window.bring_to_front()
            return
        if action == "snooze":
            self.service.snooze(key)
        elif action == "skip":
            self.service.answer(key, "skipped")
        elif action == "taken" or (kind == "posture" and action == "start"):
            self.service.answer(key, "done")
        elif action in ("start", "default"):
            self.open_for(key)

    def open_for(self, key: str) -> None:
        self.window.bring_to_front()
        reminder = self.service.pending(key)
        if reminder is not None and reminder.exercises:
            self.active_key = key
            self.window.exercises_page.open_exercise(reminder.exercises[0])

    def on_session_done(self, exercise_id: str, reps: int) -> None:
        self.store.record("exercise", self.active_key or f"free:{exercise_id}", "done",
                          f"{exercise_id} {reps}")
        if self.active_key is not None:
            self.service.answer(self.active_key, "done")
            self.active_key = None
