"""Command line: the desktop app by default, plus sub-commands that need no screen.

Nothing here imports Qt at module level, so ``--help``, ``--version`` and the "no display"
sentence work even where Qt's libraries cannot load.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from backcare import __version__
from backcare.desktop.display import missing_display_reason


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backcare",
        description=(
            "Back Care: gentle reminders and illustrated back-care exercises for the first "
            "year after giving birth. With no command, it opens the app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"backcare {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="keep settings and history in DIR instead of the usual per-user folder",
    )
    parser.add_argument(
        "--quit-when-ready",
        action="store_true",
        help="start, show the window, print 'ready', then exit 0 (to measure and check "
        "start-up)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    figures = commands.add_parser(
        "figures",
        help="write a PNG and an SVG figure for every step of every exercise",
        description="Write a PNG and an SVG for every step of every exercise, for review, "
        "and/or one contact sheet: every step of every exercise with its words under it.",
    )
    figures.add_argument("--out", type=Path, metavar="DIR", help="output folder")
    figures.add_argument(
        "--contact-sheet", type=Path, metavar="FILE.png",
        help="one PNG with every step of every exercise, its words and the list thumbnail",
    )
    today = commands.add_parser(
        "today",
        help="print a day's reminders in order, one per line (time, kind, what)",
        description="Print the reminders of a day in order: time, kind, what. No screen needed.",
    )
    today.add_argument(
        "--date", type=_iso_date, metavar="YYYY-MM-DD", help="that day instead of today"
    )
    settings = commands.add_parser(
        "settings",
        help="export or import all settings as a TOML file",
        description="Export all settings to a TOML file, or import them from one. A file that "
        "is not valid changes nothing, and every problem in it is named.",
    )
    actions = settings.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write the settings to FILE")
    export.add_argument("file", type=Path, metavar="FILE")
    imported = actions.add_parser("import", help="check FILE and, if it is valid, use it")
    imported.add_argument("file", type=Path, metavar="FILE")
    imported.add_argument(
        "--replace-details",
        action="store_true",
        help="import even if FILE leaves out details you have given (such as the birth "
        "date), which would reset them",
    )
    safety = commands.add_parser(
        "safety",
        help="print the warning signs and what to do, with your country's numbers",
        description="Print the warning signs in three groups (call for help now, get help "
        "today, stop exercising) with the numbers of your saved country, or of CC.",
    )
    safety.add_argument(
        "--country", metavar="CC", help="a two-letter country code such as GB, AU or US"
    )
    calendar = commands.add_parser(
        "calendar",
        help="write your reminders as a calendar file (.ics) for your own calendar program",
        description="Write the reminders of your saved plan, from today, as repeating events "
        "with an alarm each, in your time zone. Each week's sessions name that week's "
        "exercises. Importing a newer file updates the same events instead of adding copies.",
    )
    calendar.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="the .ics file to write"
    )
    calendar.add_argument(
        "--weeks", type=_weeks, default=4, metavar="N",  # calendar_file.DEFAULT_WEEKS
        help="how many weeks (1 to 52; 4 if not given)",
    )
    sheet = commands.add_parser(
        "sheet",
        help="write your week as a printable PDF: tick boxes, exercise cards, warning signs",
        description="Write a printable routine sheet of a week (the week that holds DATE, or "
        "this week): the days with a tick box for every reminder and the exercises of each "
        "day, the warning signs with your country's numbers, the posture and lifting tips, "
        "then a card with a figure for every step of each exercise. No screen needed.",
    )
    sheet.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="the PDF file to write"
    )
    sheet.add_argument(
        "--week", type=_iso_date, metavar="YYYY-MM-DD", help="a day of the week to print"
    )
    sheet.add_argument(
        "--paper", type=_paper, metavar="A4|Letter", help="the paper (your locale's if not given)"
    )
    commands.add_parser(
        "install-desktop",
        help="add Back Care to the applications menu, with its icon",
        description="Install a .desktop launcher and the icon in your home folder "
        "(~/.local/share), so Back Care appears in the applications menu.",
    )
    return parser


def _paper(text: str) -> str:
    """"a4" or "letter" in any case, as core.week_sheet.Paper spells them."""
    for name in ("A4", "Letter"):
        if text.strip().casefold() == name.casefold():
            return name
    raise argparse.ArgumentTypeError(f"'{text}' is not a paper size: give A4 or Letter")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date like 2026-11-23 (year-month-day)"
        ) from None


def _today(day: date | None, data: Path | None) -> int:
    from backcare.core.content import load_exercises
    from backcare.core.reminders import reminders
    from backcare.core.zone import local_zone
    from backcare.messages import reminder_words
    from backcare.paths import resources_dir
    from backcare.settings import load_plan, open_store, plan_for_day

    tz = local_zone()
    now = datetime.now(tz)
    store, problem = open_store(data, tz)
    if store is None:
        print(problem, file=sys.stderr)
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


def _settings(action: str, file: Path, data: Path | None, replace_details: bool = False
              ) -> int:
    from backcare.core.plan_reset import details_lost, lost_sentence
    from backcare.core.zone import local_zone
    from backcare.settings import load_plan, open_store, save_plan
    from backcare.settings_file import export_settings, import_settings

    tz = local_zone()
    store, problem = open_store(data, tz)
    if store is None:
        print(problem, file=sys.stderr)
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


def _saved_country(data: Path | None) -> tuple[str | None, int]:
    """Her country from the saved plan (as ``backcare today`` reads it), and 0 or an exit code."""
    from backcare.core.zone import local_zone
    from backcare.settings import load_plan, open_store

    store, problem = open_store(data, local_zone())
    if store is None:
        print(problem, file=sys.stderr)
        return None, 1
    try:
        plan = load_plan(store)
        for notice in store.notices:
            print(notice, file=sys.stderr)
        return plan.profile.country, 0
    finally:
        store.close()


def _safety(code: str | None, data: Path | None) -> int:
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
        code, failed = _saved_country(data)
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


def _weeks(text: str) -> int:
    from backcare.core.calendar_export import MAX_WEEKS

    if not text.strip().isdigit() or not 1 <= int(text) <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a number of weeks from 1 to {MAX_WEEKS}"
        )
    return int(text)


def _calendar(file: Path, weeks: int, data: Path | None) -> int:
    """Her saved plan as an .ics file, as File ▸ Export calendar… writes it."""
    from backcare.calendar_file import write_calendar
    from backcare.core.content import load_exercises
    from backcare.core.zone import local_zone
    from backcare.paths import resources_dir
    from backcare.settings import load_pauses, load_plan, open_store

    tz = local_zone()
    now = datetime.now(tz)
    store, problem = open_store(data, tz)
    if store is None:
        print(problem, file=sys.stderr)
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


def _install_desktop() -> int:
    from backcare.desktop.desktop_entry import install_desktop

    try:
        written = install_desktop()
    except OSError as exc:
        print(f"Could not install the launcher: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    for path in written:
        print(f"Installed {path}")
    return 0


def _headless_qt() -> None:
    """Sub-commands draw into files only: let Qt run without a screen."""
    if missing_display_reason() is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _figures(out: Path | None, contact: Path | None) -> int:
    if out is None and contact is None:
        print("Say where to write the figures: --out DIR, --contact-sheet FILE.png, or both.",
              file=sys.stderr)
        return 2
    _headless_qt()
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "figures":
        return _figures(args.out, args.contact_sheet)
    if args.command == "today":
        return _today(args.date, args.data_dir)
    if args.command == "settings":
        return _settings(args.action, args.file, args.data_dir,
                         getattr(args, "replace_details", False))
    if args.command == "safety":
        return _safety(args.country, args.data_dir)
    if args.command == "calendar":
        return _calendar(args.output, args.weeks, args.data_dir)
    if args.command == "sheet":
        _headless_qt()
        from backcare.sheet.command import run_sheet

        return run_sheet(args.output, args.week, args.paper, args.data_dir)
    if args.command == "install-desktop":
        return _install_desktop()
    reason = missing_display_reason()
    if reason is not None:
        print(reason, file=sys.stderr)
        return 2
    from backcare.app.startup import load_qt_free_modules_first, skip_pyside_source_scan

    load_qt_free_modules_first()
    skip_pyside_source_scan()
    from backcare.app.main import run_app

    return run_app(data_dir_override=args.data_dir, quit_when_ready=args.quit_when_ready)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
