"""``quartierslabor draw REGISTER --size N --seed TEXT --out FILE`` – the invitation draw, headless."""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
import getpass
from pathlib import Path
from typing import Optional

from ..core import count_texts
from ..core.errors import UserError
from ..core.input_files import check_input_file, read_utf8_text
from ..core.dates import parse_date
from ..core.messages import german_count
from .common import add_db_argument
from ..core.hashing import file_sha256

MAX_LISTED_PROBLEMS = 10


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "draw", help="Einladungsziehung aus einem Registerauszug (Liste, Protokoll, Briefe)",
        description="Zieht eine geschichtete Zufallsstichprobe aus einem Melderegisterauszug und schreibt die "
                    "Liste der Eingeladenen, auf Wunsch das Ziehungsprotokoll und die Einladungsbriefe.")
    p.add_argument("register", metavar="REGISTER", help="Registerauszug (CSV oder XLSX)")
    p.add_argument("--size", type=int, required=True, metavar="N", help="Zahl der Einladungen")
    p.add_argument("--seed", required=True, metavar="TEXT",
                   help="Startwert, z. B. die Lottozahlen oder öffentlich gewürfelte Zahlen")
    p.add_argument("--out", required=True, metavar="DATEI", help="Liste der Eingeladenen (.csv oder .xlsx)")
    p.add_argument("--strata", default="district,age,gender", metavar="MERKMALE",
                   help="Schichtung: district, subdistrict, age, gender, kommagetrennt, oder none "
                        "(Standard: district,age,gender)")
    p.add_argument("--protocol", metavar="DATEI.pdf", help="Ziehungsprotokoll als PDF")
    p.add_argument("--letters", metavar="DATEI.pdf", help="Einladungsbriefe als PDF (ein Brief je Person)")
    p.add_argument("--letters-with-replacements", action="store_true",
                   help="auch für die Nachrücker Briefe erzeugen")
    p.add_argument("--exclude", action="append", default=[], metavar="DATEI",
                   help="frühere Liste von Eingeladenen, die nicht erneut gezogen werden (mehrfach möglich)")
    p.add_argument("--exclude-history", action="store_true",
                   help="alle früher mit dieser App Eingeladenen ausschließen (Datenbank)")
    p.add_argument("--street-directory", metavar="DATEI", help="Straßenverzeichnis für den Stadtbezirk")
    p.add_argument("--skip-invalid", action="store_true", help="ungültige Zeilen auslassen statt abbrechen")
    p.add_argument("--no-household-rule", action="store_true",
                   help="mehrere Einladungen je Haushalt zulassen")
    p.add_argument("--household-by", choices=("adresse", "adresse-name"), default="adresse",
                   help="Haushalt = gleiche Anschrift (Standard) oder gleiche Anschrift und gleicher "
                        "Familienname (trennt Wohnungen in Mehrfamilienhäusern)")
    p.add_argument("--replacements", type=int, default=0, metavar="N", help="Zahl der Nachrücker (Standard 0)")
    p.add_argument("--min-age", type=int, default=16, metavar="JAHRE", help="Mindestalter (Standard 16)")
    p.add_argument("--max-age", type=int, default=None, metavar="JAHRE", help="Höchstalter (Standard: keines)")
    p.add_argument("--age-bands", default="16,25,35,50,65", metavar="GRENZEN",
                   help="untere Grenzen der Altersgruppen (Standard 16,25,35,50,65)")
    p.add_argument("--district", action="append", default=[], metavar="BEZIRK",
                   help="nur diesen Stadtbezirk berücksichtigen (mehrfach möglich)")
    p.add_argument("--oversample", action="append", default=[], metavar="SCHICHT=FAKTOR",
                   help="Übergewichtung, z. B. age:16–24=1.5 oder gender:w=1.2 (mehrfach möglich)")
    p.add_argument("--sheet", metavar="NAME", help="Tabellenblatt einer XLSX-Datei")
    p.add_argument("--column", action="append", default=[], metavar="FELD=SPALTE",
                   help="Spalte für ein Feld festlegen, z. B. --column Familienname=4 (nötig, wenn eine "
                        "Überschrift zweimal vorkommt; mehrfach möglich)")
    p.add_argument("--reference-date", metavar="DATUM", help="Stichtag für das Alter (Standard: heute)")
    p.add_argument("--lab", metavar="NAME", help="Quartierslabor, in dem die Eingeladenen gespeichert werden")
    add_db_argument(p)
    p.add_argument("--user", default=None, metavar="NAME", help="Name im Protokoll (Standard: Anmeldename)")
    p.add_argument("--lab-name", default=None, metavar="NAME", help="Name des Quartierslabors in den Briefen "
                   "(ohne --lab)")
    p.add_argument("--venue", default=None, metavar="ORT", help="Veranstaltungsort für die Briefe")
    p.add_argument("--event-date", default=None, metavar="DATUM", help="Datum des Quartierslabors (Briefe)")
    p.add_argument("--event-time", default="", metavar="TEXT", help="Uhrzeit, z. B. „18:00 bis 21:00 Uhr“")
    p.add_argument("--reply-by", default=None, metavar="DATUM", help="Antwort erbeten bis (Briefe)")
    p.add_argument("--letter-template", metavar="DATEI.json", help="Briefvorlage (JSON) statt der gespeicherten")
    p.set_defaults(func=run, not_saved="Die Ziehung wurde nicht gespeichert und keine Ausgabedatei geschrieben.")


def _check_output(path: Optional[str], suffixes: tuple[str, ...], what: str) -> Optional[Path]:
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() not in suffixes:
        raise UserError(f"{what} kann nur als {' oder '.join(suffixes)} gespeichert werden.", file=target.name,
                        hint=f"Geben Sie einen Dateinamen mit der Endung {' oder '.join(suffixes)} an.")
    if target.is_dir():
        raise UserError(f"„{target}“ ist ein Ordner, keine Datei.")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"Den Ordner „{folder}“ gibt es nicht.", file=target.name)
    return target


def _problems_message(register) -> UserError:
    errors = [i for i in register.issues if i.severity == "error"]
    rows = register.invalid_rows
    lines = [f"  Zeile {i.row}" + (f", Spalte „{i.column}“" if i.column else "") + f": {i.message}"
             for i in errors[:MAX_LISTED_PROBLEMS]]
    more = len(errors) - len(lines)
    text = (f"Der Registerauszug hat {count_texts.invalid_rows(len(rows))} ({count_texts.problems(len(errors))}); "
            f"die Ziehung läuft nicht.\n" + "\n".join(lines))
    if more > 0:
        text += f"\n  … und {count_texts.more_problems(more)}."
    return UserError(text, file=register.table.file_name,
                     hint="Korrigieren Sie die Datei oder rufen Sie die Ziehung mit --skip-invalid auf, "
                          "um ungültige Zeilen auszulassen.")


def _parse_columns(items: list[str]) -> dict:
    """``--column Familienname=4`` -> ``{Field.FAMILY_NAME: 3}`` (field label as the GUI shows it, or its
    internal name; column numbers from 1)."""
    from ..core.register import FIELD_LABELS, Field, header_key

    fields = {header_key(label): fld for fld, label in FIELD_LABELS.items()}
    fields.update({header_key(fld.value): fld for fld in Field})
    out = {}
    for item in items:
        name, sep, number = item.partition("=")
        fld = fields.get(header_key(name))
        if not sep or fld is None:
            raise UserError(f"--column „{item}“: Angabe als FELD=SPALTE, z. B. --column Familienname=4.",
                            hint="Felder: " + ", ".join(FIELD_LABELS.values()) + ".")
        if not number.strip().isdigit() or int(number) < 1:
            raise UserError(f"--column „{item}“: „{number}“ ist keine Spaltennummer (ab 1).")
        out[fld] = int(number) - 1
    return out


def run(args: argparse.Namespace) -> int:
    from ..core.draw import DrawSettings, LetterTemplate, normalise_dimensions
    from ..core.draw.atomic import atomic_path
    from ..core.draw.letters import load_letter_template
    from ..core.draw.privacy_notice import default_privacy_notice, load_privacy_notice
    from ..core.draw.strata import parse_age_edges, parse_oversampling
    from ..core.register import StreetDirectory, load_register
    from ..core.selection import draw_service

    register_path = Path(args.register)
    check_input_file(register_path)  # a folder or FIFO is named as such (and never opened)
    out = _check_output(args.out, (".csv", ".xlsx"), "Die Liste der Eingeladenen")
    protocol = _check_output(args.protocol, (".pdf",), "Das Protokoll")
    letters = _check_output(args.letters, (".pdf",), "Die Briefe")
    record_file = draw_service.record_path_for(protocol) if protocol is not None else None
    targets = [p.resolve() for p in (out, protocol, letters, record_file) if p is not None]
    if len(set(targets)) != len(targets) or register_path.resolve() in targets:
        raise UserError("Liste, Protokoll (mit seiner .json-Datei), Briefe und Registerauszug brauchen "
                        "verschiedene Dateinamen.")
    if args.size is None or args.size < 1:
        raise UserError("Die Zahl der Einladungen (--size) muss mindestens 1 sein.")
    strata_text = args.strata.strip()
    dims = () if strata_text.lower() in ("", "none", "keine") else \
        normalise_dimensions([s for s in strata_text.split(",") if s.strip()])
    reference = parse_date(args.reference_date, what="Stichtag") if args.reference_date else None
    settings = DrawSettings(size=args.size, strata=dims, age_edges=parse_age_edges(args.age_bands),
                            min_age=args.min_age, max_age=args.max_age,
                            oversampling=parse_oversampling(args.oversample),
                            household_rule=not args.no_household_rule, replacements=args.replacements,
                            household_by="address" if args.household_by == "adresse" else "address_family_name",
                            reference_date=reference, districts=tuple(args.district))
    event_date = parse_date(args.event_date, what="Datum") if args.event_date else None
    reply_by = parse_date(args.reply_by, what="Datum") if args.reply_by else None
    template: Optional[LetterTemplate] = None
    if args.letter_template:
        template = LetterTemplate.from_json(read_utf8_text(args.letter_template))
        template.validate()

    directory = StreetDirectory.load(args.street_directory) if args.street_directory else None
    register = load_register(register_path, sheet=args.sheet, street_directory=directory,
                             reference_date=reference, columns=_parse_columns(args.column),
                             require_district="district" in dims or bool(settings.districts),
                             require_gender="gender" in dims)
    if register.invalid_rows and not args.skip_invalid:
        raise _problems_message(register)
    if register.rows_valid == 0:
        raise UserError("Der Registerauszug enthält keine gültige Zeile.", file=register.table.file_name)
    street = ((Path(args.street_directory).name, file_sha256(args.street_directory))
              if args.street_directory else None)

    user = args.user or _login_name()
    use_db = bool(args.lab or args.exclude_history or (args.db and args.letters))
    with contextlib.ExitStack() as stack:
        session = None
        lab = None
        if use_db:
            from .common import open_db
            database = open_db(args)
            stack.callback(database.dispose)
            session = stack.enter_context(database.session())
            if args.lab:
                from ..core.labs import get_lab
                lab = get_lab(session, args.lab)
        exclusions = draw_service.collect_exclusions(args.exclude, session=session, history=args.exclude_history,
                                                     lab_id=lab.id if lab else None)
        run_ = draw_service.perform_draw(register, settings, args.seed, exclusions, user=user,
                                         lab_name=lab.name if lab else None, skip_invalid=args.skip_invalid,
                                         street_directory=street)
        if lab is not None:
            draw_service.store_draw(run_, session, lab)

        # every output goes to a temporary file first; only when all are complete do they replace the targets
        draw_service.write_list(run_, stack.enter_context(atomic_path(out)), name=out.name)
        if letters is not None:
            if template is None:
                template = load_letter_template(session) if session is not None else LetterTemplate()
            privacy = load_privacy_notice(session) if session is not None else default_privacy_notice()
            info = _lab_info(args, lab, run_.result, event_date, reply_by)
            if info.date is not None and info.date < (info.letter_date or dt.date.today()):
                print(f"Hinweis: Der Termin des Quartierslabors ({info.date:%d.%m.%Y}) liegt vor dem "
                      f"Briefdatum.", file=sys.stderr)
            draw_service.write_letters(run_, stack.enter_context(atomic_path(letters)), template, info,
                                       include_replacements=args.letters_with_replacements, privacy=privacy,
                                       name=letters.name)
        if protocol is not None:
            draw_service.write_protocol(run_, stack.enter_context(atomic_path(protocol)),
                                        record_path=stack.enter_context(atomic_path(record_file)),
                                        name=protocol.name, session=session)
        if lab is not None:
            session.commit()   # before the files replace their targets: a full disk leaves neither
        files = [str(p) for p in (out, letters, protocol, record_file) if p is not None]
    _print_summary(register, run_.result, files, lab, run_.draw_id, list(exclusions.sources))
    return 0


def _lab_info(args, lab, result, event_date, reply_by):
    from ..core.draw import LabInfo
    if lab is not None:
        info = LabInfo.from_lab(lab, time_text=args.event_time, reply_by=reply_by)
        if args.venue:
            info.venue = args.venue
        if event_date:
            info.date = event_date
        return info
    # without a lab: one district chosen -> that one; otherwise each letter names the person's district
    district = result.settings.districts[0] if len(result.settings.districts) == 1 else ""
    name = args.lab_name or (f"Quartierslabor {district}" if district else "Quartierslabor")
    return LabInfo(name=name, district=district, date=event_date, venue=args.venue or "",
                   time_text=args.event_time, reply_by=reply_by)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some systems
        return ""


def _n(value: int) -> str:
    return german_count(value)


def _print_summary(register, result, files, lab, draw_id, sources) -> None:
    from ..core.draw import DIMENSION_LABELS, normalise_dimensions
    dims = normalise_dimensions(result.settings.strata)
    table = register.table
    main = sum(1 for p in result.invitees if not p.is_replacement)
    print(f"Registerauszug: {table.file_name} – {table.format.describe()}")
    print(f"  SHA-256: {table.sha256}")
    print(f"Zeilen: {_n(result.rows_read)} gelesen, {_n(result.rows_valid)} gültig, "
          f"{_n(result.rows_eligible)} teilnahmeberechtigt, {_n(result.rows_excluded)} ausgeschlossen, "
          f"{count_texts.households(result.households)}, {_n(result.candidates)} ziehbar")
    print(f"Schichten: {len(result.strata)} ("
          + (", ".join(DIMENSION_LABELS[d] for d in dims) or "keine Schichtung") + ")"
          + (", Haushaltsregel an" if result.settings.household_rule else ", Haushaltsregel aus"))
    print(f"Startwert: „{result.seed_text}“ – SHA-256 {result.seed_digest}")
    print(f"Gezogen: {count_texts.invitations(main)}, {count_texts.replacements(len(result.invitees) - main)}")
    for note in result.notes:
        print(f"Hinweis: {note}")
    if sources:
        print("Ausgeschlossen nach: " + "; ".join(sources))
    print("Geschrieben: " + ", ".join(files))
    if lab is not None and draw_id is not None:
        print(f"Gespeichert im Quartierslabor „{lab.name}“ (Ziehung Nr. {draw_id}, "
              f"{count_texts.people(len(result.invitees))}).")
