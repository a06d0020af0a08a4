"""What each sub-command of ``backcare`` does; ``cli`` reads the arguments and calls these.

Kept apart so the command line's parser stays one page. Nothing here imports Qt at module
level: each command imports what it needs when it runs, so ``backcare safety`` or ``backcare
today`` starts in a few milliseconds and works where Qt's libraries cannot load.
"""

from __future__ import annotations

import os
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from backcare.desktop.display import missing_display_reason

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from backcare.core.store import Store


def command_store(data: Path | None, tz: ZoneInfo) -> Store | None:
    """Her store for a command, or None once the sentence saying why it cannot be opened
    (a full disk, a lock, a newer Back Care's file…) is printed for her."""
    from backcare.settings import open_store

    store, problem = open_store(data, tz)
    if store is None:
        print(problem, file=sys.stderr)
    return store


def today(day: date | None, data: Path | None) -> int:
    from backcare.core.content import load_exercises
    from backcare.core.reminders import reminders
    from backcare.core.zone import local_zone
    from backcare.messages import reminder_words
    from backcare.paths import resources_dir
    from backcare.settings import load_plan, plan_for_day

    tz = local_zone()
    now = datetime.now(tz)
    store = command_store(data, tz)
    if store is None:
        return 1
    day = day or now.date()
    exercises = load_exercises(resources_dir() / "exercises")[0]
    plan = plan_for_day(store, load_plan(store), exercises, day)
    for notice in store.notices:
        print(notice, file=sys.stderr)
    store.close()
    if plan.profile.birth_date is None:
        print("Back Care does not know when your baby was born, so only the gentlest exercises "
              "are listed; give the birth date in Settings, or import a settings file that has "
              "it ('backcare settings import FILE').", file=sys.stderr)
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    due = reminders(plan, start, end, tz)
    if not due:
        print(f"No reminders on {day:%A %d %B %Y}.")
    titles = {e.id: e.title for e in exercises}
    for reminder in due:
        what = reminder_words(reminder, titles)
        print(f"{reminder.when.astimezone(tz):%H:%M}  {reminder.kind:<8}  {what}")
    return 0


def settings(action: str, file: Path, data: Path | None, replace_details: bool = False
              ) -> int:
    from backcare.core.plan_reset import details_lost, lost_sentence
    from backcare.core.zone import local_zone
    from backcare.settings import load_plan, save_plan
    from backcare.settings_file import export_settings, import_settings

    tz = local_zone()
    store = command_store(data, tz)
    if store is None:
        return 1
    try:
        if action == "export":
            plan = load_plan(store)
            for notice in store.notices:
                print(notice, file=sys.stderr)
            try:
                export_settings(plan, file)
            except OSError as exc:
                print(f"Could not write {file}: {exc.strerror or exc}.", file=sys.stderr)
                return 1
            print(f"Saved your settings to {file}.")
            return 0
        plan, errors = import_settings(file, datetime.now(tz).date())
        if plan is None:
            print(f"Nothing was changed: {file} is not a usable settings file.", file=sys.stderr)
            for error in errors:
                print(f"- {error}", file=sys.stderr)
            return 1
        lost = details_lost(load_plan(store), plan)
        if lost and not replace_details:
            print(f"Nothing was changed: {file} leaves out {lost_sentence(lost)}, so importing "
                  "it would reset them. To import it anyway, add --replace-details.",
                  file=sys.stderr)
            return 1
        from backcare.core.store import StoreFault

        try:
            save_plan(store, plan)
        except StoreFault as fault:  # a full disk or a lock met while saving: nothing changed
            print(f"{fault.sentence} Your settings were not changed.", file=sys.stderr)
            return 1
        print(f"Imported your settings from {file}. 'backcare today' shows the day they give.")
        from backcare.desktop.instance_socket import tell_running

        if tell_running(b"reload"):  # a running app with another data folder just re-reads its own
            print("Back Care is running and uses them from now on.")
        return 0
    finally:
        store.close()


def saved_country(data: Path | None) -> tuple[str | None, int]:
    """Her country from the saved plan (as ``backcare today`` reads it), and 0 or an exit code."""
    from backcare.core.zone import local_zone
    from backcare.settings import load_plan

    store = command_store(data, local_zone())
    if store is None:
        return None, 1
    try:
        plan = load_plan(store)
        for notice in store.notices:
            print(notice, file=sys.stderr)
        return plan.profile.country, 0
    finally:
        store.close()


def safety(code: str | None, data: Path | None) -> int:
    """The Safety page as text, in her country's words; the neutral words when it is not known,
    because a wrong number is worse than "your local emergency number"."""
    from backcare.core.countries import country_for, is_code, load_countries
    from backcare.core.safety import for_country, load_safety
    from backcare.paths import resources_dir

    if code is not None:
        given, code = code, code.strip().upper()
        if not is_code(code):
            print(f"'{given}' is not a country code: give two letters, such as GB, AU or US.",
                  file=sys.stderr)
            return 2
    else:
        code, failed = saved_country(data)
        if failed:
            return failed
        if code is None:
            print("Back Care does not know your country, so the numbers below are general; "
                  "give it with --country CC.", file=sys.stderr)
    safety, problems = load_safety(resources_dir() / "safety.toml")
    countries, country_problems = load_countries(resources_dir() / "countries.toml")
    for problem in (*problems, *country_problems):
        print(f"Skipped: {problem.sentence()}", file=sys.stderr)
    if safety is None:
        return 1
    country = country_for(code, countries)
    if code is not None and not country.known:
        print(f"Back Care has no numbers for '{code}' yet, so it uses general words: call your "
              "local emergency number.")
    shown = for_country(safety, country)
    for group in shown.groups:
        print(group.title)
        print(group.action)
        for sign in group:
            print(f"- {sign.text}")
        print()
    if country.known:
        also = f" ({country.also})" if country.also else ""
        print(f"Numbers for {country.name}:")
        print(f"Emergency: {country.emergency}{also}")
        if country.urgent:
            print(f"Same-day advice: {country.urgent}")
        if country.crisis:
            print(f"Crisis line: {country.crisis}")
        print("Sources: " + "; ".join(country.sources) + ".")
    return 0


def calendar(file: Path, weeks: int, data: Path | None) -> int:
    """Her saved plan as an .ics file, as File ▸ Export calendar… writes it."""
    from backcare.calendar_file import write_calendar
    from backcare.core.content import load_exercises
    from backcare.core.zone import local_zone
    from backcare.paths import resources_dir
    from backcare.settings import load_pauses, load_plan

    tz = local_zone()
    now = datetime.now(tz)
    store = command_store(data, tz)
    if store is None:
        return 1
    try:
        plan = load_plan(store)
        pauses = load_pauses(store, now.date())
        for notice in store.notices:
            print(notice, file=sys.stderr)
    finally:
        store.close()
    exercises = load_exercises(resources_dir() / "exercises")[0]
    try:
        written = write_calendar(file, plan, exercises, pauses, tz, now, weeks)
    except OSError as exc:
        print(f"Could not write {file}: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    print(written.sentence())
    return 0


def history_csv(file: Path, data: Path | None) -> int:
    """Every event of her history as CSV, in her zone and in UTC (core/history_csv.py)."""
    from backcare.core.history_csv import write_csv
    from backcare.core.zone import local_zone

    tz = local_zone()
    store = command_store(data, tz)
    if store is None:
        return 1
    try:
        events = store.events()
        for notice in store.notices:
            print(notice, file=sys.stderr)
    finally:
        store.close()
    try:
        rows = write_csv(file, events, tz)
    except OSError as exc:
        print(f"Could not write {file}: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    print(f"Wrote {rows} events of your history to {file}.")
    return 0


def install_desktop() -> int:
    from backcare.desktop.desktop_entry import install_desktop

    try:
        written = install_desktop()
    except OSError as exc:
        print(f"Could not install the launcher: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    for path in written:
        print(f"Installed {path}")
    return 0


def delete_data(data: Path | None, *, yes: bool, keep_autostart: bool = False,
                keep_launcher: bool = False) -> int:
    """``backcare delete-data``: list, ask (unless ``yes``), delete, say what happened."""
    from backcare.core.erase import Ask, carry_out, plan_erase
    from backcare.settings import content_cache_path, data_dir

    plan = plan_erase(data_dir(data), content_cache_path().parent, own_data_folder=data is None)
    if plan.empty:
        print("There was no Back Care data to delete.")
        return 0
    remove = set()
    if plan.has(Ask.AUTOSTART) and not keep_autostart:
        remove.add(Ask.AUTOSTART)
    if plan.has(Ask.LAUNCHER) and not keep_launcher:
        remove.add(Ask.LAUNCHER)
    if not yes:
        print("These files are deleted, for good:")
        for entry in plan.files():
            if entry.ask is None:
                print(f"  {entry.path}  ({entry.what.value})")
        if _answer("Delete all of this? Type yes to delete: ") != "yes":
            print("Nothing was deleted.")
            return 1
        for ask, words in ((Ask.AUTOSTART, "Also remove Back Care from starting at login"),
                           (Ask.LAUNCHER, "Also remove the Back Care launcher")):
            if ask in remove and _answer(f"{words}? [Y/n] ") not in ("", "y", "yes"):
                remove.discard(ask)
    result = carry_out(plan, remove)
    print(result.sentence, file=sys.stderr if result.failed or result.in_use else sys.stdout)
    return 1 if result.failed or result.in_use else 0


def _answer(question: str) -> str:
    try:
        return input(question).strip().casefold()
    except EOFError:
        return ""


def headless_qt() -> None:
    """Sub-commands draw into files only: let Qt run without a screen."""
    if missing_display_reason() is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def figures(out: Path | None, contact: Path | None) -> int:
    if out is None and contact is None:
        print("Say where to write the figures: --out DIR, --contact-sheet FILE.png, or both.",
              file=sys.stderr)
        return 2
    headless_qt()
    from PySide6.QtGui import QGuiApplication

    from backcare.catalog import load_catalog
    from backcare.figures.export import export_figures

    app = QGuiApplication.instance() or QGuiApplication(["backcare"])
    catalog = load_catalog()
    for problem in catalog.problems:
        print(f"Skipped: {problem.sentence()}", file=sys.stderr)
    steps = sum(len(e.steps) for e in catalog.exercises)
    target = out
    try:
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            written = export_figures(catalog.exercises, catalog.poses, out)
            print(f"Wrote {len(written)} files for {steps} steps of {len(catalog.exercises)} "
                  f"exercises to {out}.")
        if contact is not None:
            from backcare.figures.contact_sheet import write_contact_sheet

            target = contact
            write_contact_sheet(contact, catalog.exercises, catalog.poses)
            print(f"Wrote the contact sheet of {steps} steps to {contact}.")
    except OSError as exc:
        print(f"Could not write the figures to {target}: {exc.strerror or exc}.",
              file=sys.stderr)
        return 1
    del app
    return 0 if not catalog.problems else 1
