"""Wires the pure core to the Qt shell, in one direction: plan → reminders → lifecycle →
adapters → pages.

Nothing here decides anything: the lifecycle says what to show, close, record and redraw (one
``Changes`` per input, carried out in ``on_changes``), the progression says which exercises fit
her week, ``messages`` says what a notification reads and offers, the widgets show it. Her
answers, from a notification, the Today page or a guided session, all go back through the
service to the lifecycle, which records each one once.

Her saved plan (``base_plan``) and what reminds her today (the service's plan) differ: sessions
that follow her recovery are filled in for the day, and an exercise paused after a setback is
left out. Both are recomputed whenever the plan, the date or a pause changes; only her own
plan is ever saved.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QSystemTrayIcon, QWidget

from backcare.app.background import Background
from backcare.app.dialogs import ShellDialogs
from backcare.app.file_actions import ShellFileActions
from backcare.catalog import Catalog
from backcare.core.calcium import food_choices, usual_food
from backcare.core.lifecycle_io import ANSWERS, Answer, Changes
from backcare.core.plan import Nap, Plan
from backcare.core.progression import (
    ExerciseStatus,
    effective_plan,
    statuses,
    unlock_messages,
    week_after_birth,
)
from backcare.core.reminders import Kind
from backcare.core.setbacks import pause_after_setback
from backcare.core.store import Store
from backcare.core.tip_rotation import TipRotation
from backcare.core.today import Action, next_session_key
from backcare.desktop.notifications import DesktopNotifier
from backcare.messages import (
    OPEN_ONLY,
    Actions,
    Channel,
    away_summary,
    clock_words,
    next_text,
    notification_for,
    one_unlock_sentence,
    recovery_text,
    session_name,
    with_tip,
)
from backcare.scheduling.service import ReminderService
from backcare.settings import (
    load_pauses,
    load_plan,
    save_pauses,
    save_plan,
)
from backcare.ui.main_window import MainWindow
from backcare.ui.today_page import TodayPage
from backcare.ui.tray import Tray

if TYPE_CHECKING:
    from backcare.core.countries import Country
    from backcare.core.guided import SessionOutcome
    from backcare.core.safety import Safety
    from backcare.ui.exercises_page import ExercisesPage
    from backcare.ui.session_view import SessionView
    from backcare.ui.settings_dialog import SettingsDialog
    from backcare.ui.setup_wizard import SetupWizard

ANNOUNCED_KEY = "announced_unlocks"  # "<birth date>:<week>" whose news she has been given


class Shell(ShellDialogs, ShellFileActions, QObject):
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
        self._notices_told = 0  # how many of the store's notices she has been shown
        self.store_box: QWidget | None = None  # "cannot save just now", while it is open
        self.wizard: SetupWizard | None = None
        self.setback_dialog: QDialog | None = None
        self._safety: Safety | None = None
        self._safety_loaded = False
        self._countries: dict[str, Country] = {}  # read with the safety content
        self.titles = {e.id: e.title for e in catalog.exercises}
        # The reminder whose session is open, and the exercises it was opened with: a session
        # she opens herself from the library afterwards is hers, not that reminder's.
        self.active: tuple[str, tuple[str, ...]] | None = None
        self._undo_pauses: dict[str, date] | None = None  # before the last setback
        self.erased = False  # "Delete all my data" was carried out: nothing writes again
        self.delete_dialog: QDialog | None = None  # its question, and then its goodbye
        self.delete_box: QWidget | None = None
        self.notifier = DesktopNotifier(parent=self)
        self.tips = TipRotation(store, catalog.tips)  # no repeat until all are shown
        self.tray = Tray(self)
        self.has_tray = QSystemTrayIcon.isSystemTrayAvailable()
        self.background = Background(self)  # closing hides; quitting asks
        self.tray.openRequested.connect(window.bring_to_front)
        self.tray.pauseRequested.connect(service.pause)
        self.tray.resumeRequested.connect(service.resume)
        self.tray.napRequested.connect(self.start_nap)
        self.tray.awakeRequested.connect(self.end_nap)
        self.tray.startRequested.connect(self.start_next_session)
        service.changed.connect(self.on_changes)
        self.notifier.actionInvoked.connect(self.on_notification_action)
        window.sessionFinished.connect(self.on_session_finished)
        window.madeWorse.connect(self.on_made_worse)
        window.postnatalCheckSaid.connect(self.on_postnatal_check_said)
        window.exercisesPageBuilt.connect(self._on_exercises_page)
        window.settingsRequested.connect(self.open_settings)
        window.calendarExportRequested.connect(self.choose_calendar_file)
        window.printRequested.connect(self.print_sheet)
        window.exportPdfRequested.connect(self.export_sheet)
        window.exportReportRequested.connect(self.export_report)
        self.tray.settingsRequested.connect(self.open_settings)
        self.today_page = today_page or TodayPage()
        if today_page is None:
            window.add_page("Today", self.today_page)
        self.today_page.setupRequested.connect(self.open_setup)
        self.today_page.actionRequested.connect(self.act)
        self.today_page.foodChosen.connect(self.take_food)
        self.today_page.resumeRequested.connect(service.resume)
        self.today_page.awakeRequested.connect(self.end_nap)
        self.today_page.tipHidden.connect(self.hide_tip)
        window.add_lazy_page("Your back", self._build_your_back_page)
        window.add_lazy_page("History", self._build_history_page)
        window.add_lazy_page("Safety", self._build_safety_page)

    def start(self) -> None:
        """Called once the service has started: the tray, her week, and the day drawn once
        (the service's first tick redraws only when something happened)."""
        if self.has_tray:
            self.tray.show()
        self.apply_progression()

    # -- her recovery --------------------------------------------------------------------

    def today(self) -> date:
        return self.service.now().date()

    def apply_progression(self) -> None:
        """Fit today's reminders and the library to her week, pauses and plan."""
        today = self.today()
        pauses = load_pauses(self.store, today)
        exercises = self.catalog.exercises
        self.statuses = statuses(exercises, self.base_plan.profile, today, pauses)
        effective = effective_plan(self.base_plan, exercises, today, pauses)
        if effective != self.service.plan:
            self.service.set_plan(effective)  # its changes redraw the day
        else:
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
        self.notify(Channel.NEWS, "New this week", " ".join(unlocks), OPEN_ONLY)

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
        country_changed = plan.profile.country != self.base_plan.profile.country
        self.base_plan = plan
        self.apply_progression()
        if country_changed:  # the warning signs speak in her country's numbers
            self.window.rebuild_page("Safety")
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

    def on_postnatal_check_said(self) -> None:
        """She said on a locked card that she has had her postnatal check: the same answer as
        the box in Settings, saved and applied at once."""
        profile = replace(self.base_plan.profile, postnatal_check=True)
        self.set_plan(replace(self.base_plan, profile=profile))

    def on_made_worse(self, exercise_id: str) -> None:
        """Rest the exercise for a few days, take it out of her sessions, and say what helps."""
        today = self.today()
        before = load_pauses(self.store, today)
        pauses = pause_after_setback(before, exercise_id, today)
        save_pauses(self.store, pauses)
        self.pain_diary().note_setback(exercise_id, self.service.now())  # marked in History
        self.apply_progression()
        page = self.window.built_exercises_page
        if page is not None:
            page.show_list()
        exercise = self.catalog.exercise(exercise_id)
        self._undo_pauses = before
        self.show_setback(exercise.title if exercise else exercise_id, pauses[exercise_id])

    def undo_setback(self) -> None:
        """"Undo" on the setback notice: the pauses as they were before, offered again."""
        if self._undo_pauses is None:
            return
        save_pauses(self.store, self._undo_pauses)
        self._undo_pauses = None
        self.apply_progression()

    # -- the reminders' way out: notifications, the tray, the Today page ---------------------

    def on_changes(self, changes: Changes) -> None:
        """Carry out what the lifecycle says changed; nothing here decides."""
        for kind in changes.close:
            self.notifier.close(Channel(kind.value))
        usual = usual_food(self.base_plan.calcium, self.catalog.foods)
        for reminder in changes.show:
            summary, body, actions = notification_for(reminder, self.titles, usual)
            if reminder.kind is Kind.POSTURE:  # one short tip a break, in turn (issue 15)
                body = with_tip(body, self.tips.for_posture_break(
                    self.base_plan.profile, self.service.now(), self.service.tz))
            self.notify(Channel(reminder.kind.value), summary, body, actions)
        if changes.away:
            title, body = away_summary(changes.away)
            self.notify(Channel.SUMMARY, title, body, OPEN_ONLY)
        if changes.new_day:
            self.apply_progression()
        elif changes.day or changes.quiet or changes.show:
            self.refresh_status()
        self.show_store_news()

    def show_store_news(self) -> None:
        """What the store has said since she was last told (all of it at start; later, a disk
        that filled up mid-session, or that it can save again): the status bar, and a box
        when nothing can be saved."""
        from backcare.app.store_notice import show_store_notices

        fresh = self.store.notices[self._notices_told:]
        if fresh:
            self._notices_told = len(self.store.notices)
            self.store_box = show_store_notices(self.window, self.store, fresh)

    def refresh_status(self) -> None:
        now = self.service.now()
        day = self.service.lifecycle.day(now)
        paused = day.paused_until
        paused_text = f"Paused until {clock_words(paused, now)}" if paused else None
        self.tray.set_status(next_text(self.service.next_due()), paused_text)
        nap = day.nap_until
        self.tray.set_nap(
            f"Quiet while the baby naps, until {clock_words(nap, now)}" if nap is not None else None
        )
        self.today_page.set_foods(food_choices(self.base_plan.calcium, self.catalog.foods))
        self.today_page.set_day(day, now, self.titles)
        self.today_page.set_tip(self.tips.of_the_day(self.base_plan.profile, now, self.service.tz))

    def hide_tip(self, tip_id: str) -> None:
        """"Don't show again" on the tip of the day: never again, and the next one now."""
        self.tips.hide(tip_id)
        self.refresh_status()

    def notify(self, channel: Channel, summary: str, body: str, actions: Actions) -> None:
        """A notification; else the tray's balloon; else, with neither, the window itself, so
        that a reminder never goes unseen while the window is closed."""
        if self.notifier.show(channel, summary, body, actions):
            return
        if self.has_tray:
            self.tray.show_message(summary, body)
            return
        self.window.statusBar().showMessage(" ".join(f"{summary}. {body}".split()))  # one line
        self.window.bring_to_front()

    def on_notification_action(self, channel: str, action: str) -> None:
        """A button on a notification: the reminder it stands for is the one the lifecycle
        told last on that channel."""
        try:
            kind, act = Kind(channel), Action(action)
        except ValueError:  # the summary, the news, "still running", or a click on the body
            self.notifier.close(channel)  # told: it has done its work
            self.window.show_page("Today")
            self.window.bring_to_front()
            return
        key = self.service.lifecycle.on_screen(kind)
        if key is None:
            self.window.show_page("Today")
            self.window.bring_to_front()
            return
        self.act(key, act)

    def act(self, key: str, action: Action) -> None:
        """Her answer to one reminder, from a notification or the Today page."""
        answer = ANSWERS.get(action)
        if answer is not None:
            self.service.answer(key, answer)
            return
        reminder = self.service.lifecycle.find(key, self.service.now())
        if reminder is not None and reminder.exercises:  # a session, or a posture break's card
            self.open_session(key, start=action is Action.START)
        else:
            self.window.show_page("Today")
            self.window.bring_to_front()

    def take_food(self, key: str, food_id: str) -> None:
        """She chose the food she took on the Today page (the lifecycle checks the id)."""
        self.service.answer(key, Answer.TAKEN, food=food_id)

    def start_next_session(self) -> None:
        """The tray's "Start exercises now": the session that is due, or the next one."""
        day = self.service.lifecycle.day(self.service.now())
        key = next_session_key(day)
        if key is None:
            self.window.show_page("Today")
            self.window.bring_to_front()
            return
        self.open_session(key, start=True)

    def open_session(self, key: str, *, start: bool) -> SessionView | None:
        """Bring the window to the front on the guided session of reminder ``key``."""
        now = self.service.now()
        reminder = self.service.lifecycle.find(key, now)
        exercises = self.service.lifecycle.session_exercises(key, now)
        if reminder is None or not exercises:
            self.window.bring_to_front()
            return None
        view = self.window.open_session(exercises, session_name(reminder))
        if view is not None:
            self.active = (key, tuple(exercises))
            self.service.opened(key)
            view.offer_rating(not self.pain_diary().rated(key))
            if start:
                view.start()
        return view

    def on_session_finished(self, outcome: SessionOutcome) -> None:
        """Done on a session's summary: recorded once, through the lifecycle."""
        played = tuple(r.exercise_id for r in outcome.results)
        key = self.active[0] if self.active is not None and self.active[1] == played else None
        self.active = None
        self.service.finish_session(key, outcome)
        self.save_rating(key)
        self.window.show_page("Today")
