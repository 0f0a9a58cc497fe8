"""``quartierslabor export``: lab report or comparison across labs as PDF and/or Excel."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..core import labs
from ..core.errors import UserError
from .common import add_db_argument, open_db


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "export", help="Bericht eines Labors oder Vergleich der Labore als PDF/Excel exportieren",
        description="Beispiele: quartierslabor export --lab NAME --pdf bericht.pdf --xlsx bericht.xlsx; "
                    "quartierslabor export --compare [--district BEZIRK] --pdf vergleich.pdf --xlsx vergleich.xlsx")
    add_db_argument(parser)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--lab", help="Name des Quartierslabors (Bericht für den Lenkungskreis)")
    which.add_argument("--compare", action="store_true", help="Vergleich über alle (oder die Labore eines Bezirks)")
    parser.add_argument("--district", help="nur dieser Stadtbezirk (mit --compare)")
    parser.add_argument("--pdf", metavar="DATEI.pdf", help="PDF-Datei schreiben")
    parser.add_argument("--xlsx", metavar="DATEI.xlsx", help="Excel-Datei schreiben")
    parser.add_argument("--board-png", metavar="DATEI.png",
                        help="Fotoprotokoll: die Pinnwand des Labors als Bild, wie die Präsentation sie zeigt")
    parser.add_argument("--size", default="1920x1080", metavar="BREITExHÖHE",
                        help="Bildgröße für --board-png, wie der Beamer (Vorgabe 1920x1080)")
    parser.set_defaults(func=_export)


def _check_target(value: str, suffix: str, option: str) -> Path:
    path = Path(value).expanduser()
    if path.suffix.lower() != suffix:
        raise UserError(f"Die Datei für {option} muss auf „{suffix}“ enden: „{value}“.",
                        hint=f"Zum Beispiel: {option} bericht{suffix}")
    if not path.absolute().parent.is_dir():
        raise UserError(f"Der Ordner „{path.absolute().parent}“ existiert nicht.",
                        hint="Bitte einen vorhandenen Ordner für den Export wählen.")
    return path


def _export(args: argparse.Namespace) -> int:
    # reportlab/openpyxl are imported only when exporting (keeps app start fast)
    from ..core.reports import (build_comparison, build_lab_report, write_comparison_pdf,
                                write_comparison_xlsx, write_lab_pdf, write_lab_xlsx)

    if not args.pdf and not args.xlsx and not args.board_png:
        raise UserError("Es fehlt das Ziel: bitte --pdf DATEI, --xlsx DATEI und/oder --board-png DATEI angeben.")
    if args.district and not args.compare:
        raise UserError("--district gilt nur zusammen mit --compare.")
    if args.board_png and args.compare:
        raise UserError("--board-png gilt nur für ein Labor (mit --lab NAME).")
    pdf = _check_target(args.pdf, ".pdf", "--pdf") if args.pdf else None
    xlsx = _check_target(args.xlsx, ".xlsx", "--xlsx") if args.xlsx else None
    png = _check_target(args.board_png, ".png", "--board-png") if args.board_png else None
    pictures: list[bytes] = []
    written = []
    db = open_db(args)
    try:
        with db.session() as s:
            if args.compare:
                data = build_comparison(s, args.district)
            else:
                data = build_lab_report(s, labs.get_lab(s, args.lab))
        if not args.compare and (png or pdf):
            # the board is drawn by the presentation window's code (Qt, offscreen)
            from ..qt.board import board_picture

            size = board_picture.parse_size(args.size)
            if png:
                written += board_picture.write_board_png(db, data.lab_id, png, size)
            if pdf:
                pictures = board_picture.board_pngs_for_report(db, data.lab_id)
    finally:
        db.dispose()
    if args.compare:
        if pdf:
            written.append(write_comparison_pdf(pdf, data))
        if xlsx:
            written.append(write_comparison_xlsx(xlsx, data))
    else:
        if pdf:
            written.append(write_lab_pdf(pdf, data, board_pictures=pictures))
        if xlsx:
            written.append(write_lab_xlsx(xlsx, data))
    for path in written:
        print(f"Gespeichert: {path}")
    return 0
