"""Command line: the desktop app by default, plus sub-commands that need no screen.

Nothing here imports Qt at module level, so ``--help``, ``--version`` and the "no display"
sentence work even where Qt's libraries cannot load. This module is the parser and the
dispatch; what each sub-command does is in ``cli_commands``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from backcare import __version__
from backcare import cli_commands as commands
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
    history = commands.add_parser(
        "history",
        help="write every event of your history as a CSV file (your time and UTC)",
        description="Write your history as a CSV file: one row per event (a reminder shown, "
        "done, partly done, snoozed, skipped or paused), with a header, the time in your time "
        "zone and in UTC. The file is readable by you alone.",
    )
    history.add_argument("--csv", type=Path, required=True, metavar="FILE",
                         help="the CSV file to write")
    history.add_argument("--data-dir", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                         help="read the history kept in DIR (as before the command)")
    report = commands.add_parser(
        "report",
        help="write a progress report for your physiotherapist as a PDF",
        description="Write a report of your progress as a PDF: your streaks, a chart of the "
        "sessions done each week and of your pain, a table by week and the exercises you did, "
        "from DATE to DATE (your first start, a year back at most, to today if not given).",
    )
    report.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf",
                        help="the PDF file to write")
    report.add_argument("--from", dest="start", type=_iso_date, metavar="YYYY-MM-DD",
                        help="the first day of the report")
    report.add_argument("--to", dest="end", type=_iso_date, metavar="YYYY-MM-DD",
                        help="the last day of the report")
    report.add_argument("--data-dir", type=Path, metavar="DIR", default=argparse.SUPPRESS,
                        help="read the history kept in DIR (as before the command)")
    erase = commands.add_parser(
        "delete-data",
        help="delete all your Back Care data (history, settings, cache), after asking",
        description="Delete your Back Care history and settings, its -wal and -shm, the "
        "damaged copies kept aside and the cache, and, if you agree, the autostart entry and "
        "the launcher. Lists what it will delete and asks first, unless --yes. Quit Back Care "
        "first: while it runs it has the file open, and nothing is deleted.",
    )
    erase.add_argument("--yes", action="store_true",
                       help="do not ask: delete everything, autostart entry and launcher too")
    erase.add_argument("--keep-autostart", action="store_true",
                       help="leave Back Care starting at login")
    erase.add_argument("--keep-launcher", action="store_true",
                       help="leave the launcher in the applications menu")
    erase.add_argument("--data-dir", dest="erase_dir", type=Path, metavar="DIR",
                       help="the folder given to Back Care with --data-dir")
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


def _weeks(text: str) -> int:
    from backcare.core.calendar_export import MAX_WEEKS

    if not text.strip().isdigit() or not 1 <= int(text) <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a number of weeks from 1 to {MAX_WEEKS}"
        )
    return int(text)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "figures":
        return commands.figures(args.out, args.contact_sheet)
    if args.command == "today":
        return commands.today(args.date, args.data_dir)
    if args.command == "settings":
        return commands.settings(args.action, args.file, args.data_dir,
                                 getattr(args, "replace_details", False))
    if args.command == "safety":
        return commands.safety(args.country, args.data_dir)
    if args.command == "calendar":
        return commands.calendar(args.output, args.weeks, args.data_dir)
    if args.command == "sheet":
        commands.headless_qt()
        from backcare.sheet.command import run_sheet

        return run_sheet(args.output, args.week, args.paper, args.data_dir)
    if args.command == "report":
        commands.headless_qt()
        from backcare.sheet.report_command import run_report

        return run_report(args.output, args.start, args.end, args.data_dir)
    if args.command == "history":
        return commands.history_csv(args.csv, args.data_dir)
    if args.command == "delete-data":
        return commands.delete_data(args.erase_dir or args.data_dir, yes=args.yes,
                                    keep_autostart=args.keep_autostart,
                                    keep_launcher=args.keep_launcher)
    if args.command == "install-desktop":
        return commands.install_desktop()
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
