"""Texts of the Qt-free core: German for str(), the CLI and the files; English in the GUI via i18n.localized."""
from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest

from quartierslabor_app.cli.main import main
from quartierslabor_app.core.board.service import BoardService
from quartierslabor_app.core.demo import generate_register, write_register_csv
from quartierslabor_app.core.draw import DrawSettings, run_draw
from quartierslabor_app.core.draw.store import settings_to_json
from quartierslabor_app.core.draw.strata import stratum_label_message
from quartierslabor_app.core.errors import UserError
from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.messages import QT_TRANSLATE_NOOP, Message, MessageText
from quartierslabor_app.core.progress import report
from quartierslabor_app.core.register import Field, load_register, read_register
from quartierslabor_app.core.register.model import DetectedFormat
from quartierslabor_app.qt.i18n import localized
from quartierslabor_app.core import lab_service
from quartierslabor_app.core.lab_service import LabValues
from quartierslabor_app.qt.tasks import BackgroundTask
from draw_gui import no_blocking_message_boxes, open_wizard, wait_task  # noqa: F401 - autouse fixture
from test_draw_support import make_register

HEADER = "Familienname;Vorname;Geburtsdatum;Geschlecht;Straße;Hausnummer;PLZ;Ort;Stadtbezirk"
BAD_ROWS = [
    "Muster;Anna;01.02.1980;w;Hauptstraße;1;44137;Dortmund;Mitte",
    "Kaputt;Bernd;31.02.1980;m;Hauptstraße;2;44137;Dortmund;Mitte",       # impossible date
    "Unbekannt;Carla;03.04.1975;q;Hauptstraße;3;44137;Dortmund;Mitte",    # unknown gender code
    "Leer;;05.06.1990;m;Hauptstraße;4;44137;Dortmund;Mitte",             # missing given name
    "Kurz;Dora;07.08.1960;w",                                             # wrong number of fields
    "Muster;Anna;01.02.1980;w;Hauptstraße;1;44137;Dortmund;Mitte",       # duplicate of row 2
]


def _register(tmp_path: Path, rows=BAD_ROWS) -> Path:
    path = tmp_path / "auszug.csv"
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252"))
    return path


def _messages(register) -> dict[int, object]:
    first: dict[int, object] = {}
    for issue in register.issues:      # sorted by row, then column: the whole-row problem comes first
        first.setdefault(issue.row, issue)
    return first


# -- German stays exactly as it was ------------------------------------------------------------------
def test_str_of_messages_is_the_german_text(tmp_path):
    reg = load_register(_register(tmp_path), reference_date=dt.date(2026, 1, 1))
    issues = _messages(reg)
    assert issues[3].message == "„31.02.1980“ ist ein unmögliches Datum (diesen Tag gibt es nicht)"
    assert str(issues[3].message_obj) == issues[3].message
    assert issues[4].message == ("Unbekannter Geschlechtsschlüssel „q“ (erlaubt sind m, w, d, x bzw. männlich, "
                                 "weiblich, divers, ohne Angabe)")
    assert issues[5].message == "Pflichtfeld „Vorname(n)“ ist leer"
    assert issues[6].message == ("Falsche Anzahl von Feldern: 4 statt 9 (Trennzeichen oder Anführungszeichen in "
                                 "der Zeile prüfen)")
    assert issues[7].message == "Doppelter Eintrag: dieselbe Person wie in Zeile 2"
    assert reg.table.format.describe() == ("CSV-Datei, Zeichensatz Windows-1252, Trennzeichen Semikolon, "
                                           "Kopfzeile in Zeile 1")
    error = UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Datei ist leer.")), file="a.csv", row=3,
                      hint=Message(QT_TRANSLATE_NOOP("RegisterFile", "Bitte prüfen, ob der Export vollständig ist.")))
    assert str(error) == "Datei „a.csv“, Zeile 3: Die Datei ist leer.\nBitte prüfen, ob der Export vollständig ist."
    assert error.message == "Die Datei ist leer." and error.hint == "Bitte prüfen, ob der Export vollständig ist."
    plain = UserError("Etwas {mit} Klammern", hint="Hinweis")   # plain strings are shown as they are
    assert str(plain) == "Etwas {mit} Klammern\nHinweis" and localized(plain) == str(plain)


def test_german_ui_shows_the_german_text(qapp, tmp_path):
    reg = load_register(_register(tmp_path), reference_date=dt.date(2026, 1, 1))
    for issue in reg.issues:
        assert localized(issue.message_obj) == issue.message
    with pytest.raises(UserError) as err:
        read_register(tmp_path / "fehlt.csv")
    assert localized(err.value) == str(err.value)


# -- English in the GUI ------------------------------------------------------------------------------
def test_english_validation_problems(english, tmp_path):
    reg = load_register(_register(tmp_path), reference_date=dt.date(2026, 1, 1))
    issues = _messages(reg)
    assert localized(issues[3].message_obj) == "“31.02.1980” is an impossible date (this day does not exist)"
    assert localized(issues[4].message_obj).startswith("Unknown gender code “q” (allowed are m, w, d, x")
    assert localized(issues[5].message_obj) == "Required field “Given name(s)” is empty"
    assert localized(issues[6].message_obj) == ("Wrong number of fields: 4 instead of 9 (check the delimiters or "
                                                "quotation marks in the row)")
    assert localized(issues[7].message_obj) == "Duplicate entry: the same person as in row 2"
    assert issues[3].message.startswith("„31.02.1980“ ist")      # the stored text stays German


def test_english_user_error_with_location_and_hint(english, tmp_path):
    empty = tmp_path / "leer.csv"
    empty.write_bytes(b"")
    with pytest.raises(UserError) as err:
        read_register(empty)
    assert str(err.value) == ("Datei „leer.csv“: Die Datei ist leer.\nBitte den Registerauszug erneut exportieren "
                              "und die richtige Datei wählen.")
    assert localized(err.value) == ("File “leer.csv”: The file is empty.\nPlease export the register extract again "
                                    "and choose the right file.")
    # a nested argument (the missing columns) is translated too
    path = tmp_path / "spalten.csv"
    path.write_text("Spalte A;Spalte B\nA;B\n", encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_register(path)
    text = localized(err.value)
    assert "The required columns “Family name”, “Given name(s)”, “Date of birth or Age”" in text
    assert "Columns found in row 1: “Spalte A”, “Spalte B”." in text
    assert "Gefundene Spalten in Zeile 1: „Spalte A“, „Spalte B“." in str(err.value)
    assert "Es fehlen die Pflichtspalten „Familienname“" in str(err.value)


def _board_with_one_card(db):
    with db.session() as session:
        lab_id = create_lab(session, "Nordstadt", "Innenstadt-Nord").id
    service = BoardService(db, lab_id)
    return service, service.add_card("Mehr Bänke")


def test_english_budget_status(english, db):
    service, card = _board_with_one_card(db)
    service.set_card_votes(card.id, 113)
    status = service.budget_status()
    assert status.message == "113 Punkte vergeben (ohne Punktebudget)."
    assert localized(status) == "113 dots given (no dot budget)."
    service.set_vote_budget(3, 10)
    status = service.budget_status()
    assert status.message == "Achtung: 113 Punkte vergeben, möglich sind nur 30 (10 Personen × 3 Punkte). " \
                             "Bitte die Eingabe prüfen."
    assert localized(status) == ("Attention: 113 dots given, only 30 are possible (10 people × 3 dots). "
                                 "Please check the entries.")


def _error(call) -> UserError:
    with pytest.raises(UserError) as err:
        call()
    return err.value


def _board_errors(db) -> dict[str, UserError]:
    with db.session() as session:
        lab_id = create_lab(session, "Nordstadt", "Innenstadt-Nord").id
    service = BoardService(db, lab_id)
    errors = {
        "empty": _error(lambda: service.add_card("   ")),
        "long": _error(lambda: service.add_card("Bank", place="x" * 201)),
        "votes": _error(lambda: service.set_card_votes(service.add_card("Mehr Bäume").id, 1000)),
        "negative": _error(lambda: service.set_card_votes(service.add_card("Mehr Licht").id, -1)),
        "gone": _error(lambda: service.set_card_votes(99999, 1)),
        "color": _error(lambda: service.recolor_cluster(service.clusters()[0].id, "rot")),
        "merge": _error(lambda: service.merge_clusters(1, 1)),
    }
    return errors


def test_board_errors_stay_german(qapp, db):
    errors = _board_errors(db)
    assert str(errors["empty"]) == ("Die Karte ist leer.\nTippen Sie das Anliegen ein und drücken Sie Enter.")
    assert str(errors["long"]) == ("Der Ort ist zu lang (201 Zeichen, höchstens 200).\n"
                                   "Kürzen Sie die Karte oder teilen Sie sie auf zwei Karten auf.")
    assert str(errors["votes"]) == "1000 Punkte sind zu viele (höchstens 999 je Karte oder Thema)."
    assert str(errors["negative"]) == "Punkte können nicht negativ sein."
    assert str(errors["gone"]) == "Diese Karte gibt es nicht mehr.\nAktualisieren Sie die Tafel."
    assert str(errors["color"]) == "„rot“ ist keine Farbe.\nFarben werden als #rrggbb angegeben."
    assert str(errors["merge"]) == "Ein Thema kann nicht mit sich selbst zusammengeführt werden."
    assert localized(errors["merge"]) == str(errors["merge"])      # German UI


def test_english_board_errors(english, db):
    errors = _board_errors(db)
    assert localized(errors["empty"]) == "The card is empty.\nType in the concern and press Enter."
    assert localized(errors["long"]) == ("The place is too long (201 characters, at most 200).\n"
                                         "Shorten the card or split it into two cards.")
    assert localized(errors["votes"]) == "1000 dots are too many (at most 999 per card or topic)."
    assert localized(errors["negative"]) == "Dots cannot be negative."
    assert localized(errors["gone"]) == "This card no longer exists.\nRefresh the board."
    assert localized(errors["color"]) == "“rot” is not a colour.\nColours are given as #rrggbb."
    assert localized(errors["merge"]) == "A topic cannot be merged with itself."
    assert str(errors["merge"]) == "Ein Thema kann nicht mit sich selbst zusammengeführt werden."


def test_progress_texts_stay_german_str(tmp_path):
    seen: list[str] = []
    load_register(_register(tmp_path), reference_date=dt.date(2026, 1, 1), progress=lambda f, m: seen.append(m))
    assert all(isinstance(m, str) for m in seen)
    assert seen[0] == "Datei wird gelesen …" and "Zeilen werden geprüft …" in seen
    assert seen[-1] == "1 von 6 Zeilen gültig"
    assert isinstance(seen[-1], MessageText) and seen[-1].message_obj.context == "Progress"


def test_english_progress_in_the_task_dialog(qtbot, english, tmp_path):
    seen: list[str] = []
    path = _register(tmp_path)
    task = BackgroundTask(lambda progress, cancel: load_register(path, reference_date=dt.date(2026, 1, 1),
                                                                 progress=progress, cancel=cancel), title="Test")
    task.progress.connect(lambda f, m: seen.append(m))
    with qtbot.waitSignal(task.done, timeout=20_000):
        task.start()
    assert seen[0] == "Reading the file …" and "Checking the rows …" in seen
    assert seen[-1] == "1 of 6 rows valid" and task.last_message == "1 of 6 rows valid"
    assert not any("wird" in m or "werden" in m for m in seen)


def test_english_progress_dialog_label(qtbot, english):
    gate = threading.Event()

    def job(progress, cancel):
        report(progress, 0.5, Message(QT_TRANSLATE_NOOP("Progress", "Ziehe die Personen …")), cancel)
        gate.wait(5)

    task = BackgroundTask(job, title="Ziehung")
    with qtbot.waitSignal(task.progress, timeout=10_000):
        task.start()
    assert task.dialog.labelText() == "Drawing the people …"
    with qtbot.waitSignal(task.done, timeout=10_000):
        gate.set()


def _draw_with_notes():
    n_eving, n_hoerde, n_unknown = 40, 2, 3
    register = make_register(ages=[30] * n_eving + [70] * n_hoerde + [40] * n_unknown,
                             genders=["w", "m"] * 22 + ["w"],
                             districts=["Eving"] * n_eving + ["Hörde"] * n_hoerde + ["Eving"] * n_unknown,
                             subdistricts=["Eving 1"] * n_eving + ["Hörde 1"] * n_hoerde + [""] * n_unknown)
    settings = DrawSettings(size=30, strata=("subdistrict", "gender"), oversampling={"subdistrict:Hörde 1": 3})
    return run_draw(register, settings, "x")


def test_draw_notes_stay_german():
    result = _draw_with_notes()
    assert result.notes == [
        "Übergewichtung in 2 Schichten angewandt.",
        "Schichten mit zu wenigen ziehbaren Personen (alle gezogen, Rest anderen Schichten zugeteilt): "
        "Hörde 1 | männlich; Hörde 1 | weiblich",
        "„(ohne Angabe)“ fasst Personen ohne Eintrag im jeweiligen Merkmal zusammen.",
    ]
    assert json.loads(settings_to_json(result))["notes"] == result.notes     # stored German, as plain text


def test_english_draw_notes_on_the_run_page(qtbot, english, db):
    result = _draw_with_notes()
    assert [localized(note) for note in result.notes] == [
        "Oversampling applied in 2 strata.",
        "Strata with too few people to draw (all drawn, the rest allotted to other strata): "
        "Hörde 1 | male; Hörde 1 | female",
        "“(not stated)” groups people without an entry in the respective characteristic.",
    ]
    lab_id = lab_service.create_lab(db, LabValues("Nordstadt", "Eving", dt.date.today() + dt.timedelta(days=60),
                                                  "Saal", 4)).id
    _view, wizard = open_wizard(qtbot, db, lab_id)
    wizard.run_page.session.result = result
    wizard.run_page._show_result()
    text = wizard.run_page.result_label.text()
    assert "• Oversampling applied in 2 strata." in text
    assert "Hörde 1 | male; Hörde 1 | female" in text and "Übergewichtung" not in text


def test_plural_message_picks_the_template_by_number(qapp):
    one, many = QT_TRANSLATE_NOOP("Voting", "{n} Punkt"), QT_TRANSLATE_NOOP("Voting", "{n} Punkte")
    assert [str(Message.plural(n, one, many)) for n in (0, 1, 2)] == ["0 Punkte", "1 Punkt", "2 Punkte"]
    assert Message.plural(1, one, many).context == "Voting"
    assert localized(Message.plural(1, one, many)) == "1 Punkt"          # German UI
    assert str(Message.plural(5, QT_TRANSLATE_NOOP("Voting", "{n} Person"), QT_TRANSLATE_NOOP("Voting", "{n} Personen"),
                              n="fünf")) == "fünf Personen"               # an explicit n wins


def test_english_budget_status_singular_and_plural(english, db):
    service, card = _board_with_one_card(db)
    service.set_card_votes(card.id, 1)
    status = service.budget_status()
    assert status.message == "1 Punkt vergeben (ohne Punktebudget)."
    assert localized(status) == "1 dot given (no dot budget)."
    service.set_card_votes(card.id, 2)
    assert localized(service.budget_status()) == "2 dots given (no dot budget)."
    service.set_vote_budget(1, 1)
    status = service.budget_status()
    assert status.message == ("Achtung: 2 Punkte vergeben, möglich ist nur 1 (1 Person × 1 Punkt). "
                              "Bitte die Eingabe prüfen.")
    assert localized(status) == ("Attention: 2 dots given, only 1 is possible (1 person × 1 dot). "
                                 "Please check the entries.")
    service.set_card_votes(card.id, 1)
    assert service.budget_status().message == "1 von 1 Punkt vergeben (1 Person × 1 Punkt), 0 übrig."
    assert localized(service.budget_status()) == "1 of 1 dot given (1 person × 1 dot), 0 left."
    service.set_vote_budget(1, 2)
    service.set_card_votes(card.id, 3)
    assert service.budget_status().message.startswith("Achtung: 3 Punkte vergeben, möglich sind nur 2 (")
    assert localized(service.budget_status()).startswith("Attention: 3 dots given, only 2 are possible (")
    service.set_vote_budget(3, 10)
    service.set_card_votes(card.id, 1)
    assert service.budget_status().message == "1 von 30 Punkten vergeben (10 Personen × 3 Punkte), 29 übrig."
    assert localized(service.budget_status()) == "1 of 30 dots given (10 people × 3 dots), 29 left."


def test_english_detected_format_and_strata(english):
    csv_format = DetectedFormat(kind="csv", encoding="cp1252", delimiter=";", header_row=3)
    assert csv_format.describe() == ("CSV-Datei, Zeichensatz Windows-1252, Trennzeichen Semikolon, "
                                     "Kopfzeile in Zeile 3")
    assert localized(csv_format.describe_message()) == ("CSV file, encoding Windows-1252, delimiter semicolon, "
                                                        "header in row 3")
    xlsx_format = DetectedFormat(kind="xlsx", sheet="Tabelle1", header_row=1)
    assert localized(xlsx_format.describe_message()) == "Excel workbook, worksheet “Tabelle1”, header in row 1"
    assert localized(stratum_label_message("Eving | 25–34 | weiblich")) == "Eving | 25–34 | female"
    assert localized(stratum_label_message("(ohne Angabe) | männlich")) == "(not stated) | male"
    assert str(stratum_label_message("Eving | 25–34 | weiblich")) == "Eving | 25–34 | weiblich"


def test_english_wizard_validation_table(qtbot, english, db, tmp_path):
    lab_id = lab_service.create_lab(db, LabValues("Nordstadt", "Eving", dt.date.today() + dt.timedelta(days=60),
                                                  "Saal", 4)).id
    _view, wizard = open_wizard(qtbot, db, lab_id)
    wizard.file_page.set_register_path(_register(tmp_path))
    wizard.next()
    wait_task(qtbot, wizard.file_page.task)
    info = wizard.file_page.info_label.text()
    assert "CSV file, encoding Windows-1252, delimiter semicolon, header in row 1" in info
    wizard.next()
    wait_task(qtbot, wizard.validation_page.task)
    model = wizard.validation_page.issue_model
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    messages: dict[int, str] = {}
    for row in rows:
        messages.setdefault(int(row[0]), row[3])
    assert messages[3] == "“31.02.1980” is an impossible date (this day does not exist)"
    assert messages[4].startswith("Unknown gender code “q”")
    assert messages[5] == "Required field “Given name(s)” is empty"
    assert messages[6].startswith("Wrong number of fields: 4 instead of 9")
    assert messages[7] == "Duplicate entry: the same person as in row 2"
    assert {row[2] for row in rows} == {"Error"}
    assert not any("ist" in m.split() for m in messages.values())   # no German left in the table


def test_english_refusal_on_file_page(qtbot, english, db, tmp_path):
    lab_id = lab_service.create_lab(db, LabValues("Nordstadt", "Eving", dt.date.today() + dt.timedelta(days=60),
                                                  "Saal", 4)).id
    _view, wizard = open_wizard(qtbot, db, lab_id)
    binary = tmp_path / "bild.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    wizard.file_page.set_register_path(binary)
    wait_task(qtbot, wizard.file_page.start_loading())
    text = wizard.file_page.info_label.text()
    assert "The file is a PNG image, not a register extract as a table." in text
    assert "Die Datei" not in text


# -- the CLI stays German ----------------------------------------------------------------------------
def test_cli_refusal_stays_german(english, tmp_path, capsys):
    register = tmp_path / "reg.csv"
    write_register_csv(register, generate_register(50, seed=3))
    code = main(["draw", str(register), "--size", "5000", "--seed", "s", "--out", str(tmp_path / "liste.csv")])
    _out, err = capsys.readouterr()
    assert code == 2
    assert "Es sollen 5.000 Personen eingeladen werden, aber nur" in err
    assert "teilnahmeberechtigt" in err and "people are to be invited" not in err
    assert not (tmp_path / "liste.csv").exists()


def test_mapping_page_labels_match_core_labels():
    """FIELD_LABELS are marked with the mapping page's context: both show the same English name."""
    from quartierslabor_app.core.register import FIELD_LABELS
    assert FIELD_LABELS[Field.GIVEN_NAMES] == "Vorname(n)"
    assert Message(FIELD_LABELS[Field.GIVEN_NAMES]).context == "MappingPage"


# -- retention, cancellation -------------------------------------------------------------------------
def _retention_texts(db) -> tuple[list[str], UserError, UserError]:
    from quartierslabor_app.core.retention import apply_retention, set_retention_months
    seen: list[str] = []
    with pytest.raises(UserError) as missing:
        apply_retention(db, dt.date(2026, 1, 1), lab_ids=[999], progress=lambda f, m: seen.append(m))
    apply_retention(db, dt.date(2026, 1, 1), lab_ids=[], progress=lambda f, m: seen.append(m))
    with db.session() as session, pytest.raises(UserError) as months:
        set_retention_months(session, 0)
    return seen, missing.value, months.value


def test_retention_texts_stay_german(qapp, db):
    seen, missing, months = _retention_texts(db)
    assert seen == ["Lösche personenbezogene Daten (1/1) …", "Fertig."]
    assert str(missing) == "Es gibt kein Quartierslabor mit der Nummer 999."
    assert str(months) == "Die Aufbewahrungsfrist muss zwischen 1 und 120 Monaten liegen (angegeben: 0)."
    assert localized(months) == str(months)          # German UI


def test_english_retention_texts(english, db):
    seen, missing, months = _retention_texts(db)
    assert [localized(m) for m in seen] == ["Deleting personal data (1/1) …", "Done."]
    assert localized(missing) == "There is no lab with number 999."
    assert localized(months) == "The retention period must be between 1 and 120 months (given: 0)."


def test_cancelled_in_the_ui_language(english):
    from quartierslabor_app.core.progress import CancelToken, Cancelled
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled) as err:
        report(None, 0.5, "x", token)
    assert str(err.value) == "Vorgang abgebrochen."
    assert localized(err.value) == "Operation cancelled."


# -- numbers: German grouping in str(), the UI locale's in the GUI -------------------------------------
def test_counts_grouped_per_language(qapp):
    from quartierslabor_app.core.messages import Count, german_count
    from quartierslabor_app.core import count_texts
    message = Message(QT_TRANSLATE_NOOP("Progress", "{valid} gültig"),
                      valid=count_texts.of_total(1234, count_texts.rows(1234567)))
    assert str(message) == "1.234 von 1.234.567 Zeilen gültig" and german_count(999) == "999"
    assert localized(message) == str(message)                              # German UI: the same grouping
    plain = Message(QT_TRANSLATE_NOOP("UserError", "Zeile {row}"), row=12345)
    assert str(plain) == "Zeile 12345" and localized(plain) == "Zeile 12345"   # a plain int is not grouped
    assert Count(3) + 1 == 4 and f"{Count(1500):d}" == "1500"


def test_english_counts_use_the_english_grouping(english, tmp_path):
    from quartierslabor_app.core.messages import Count
    from quartierslabor_app.core import count_texts
    message = Message(QT_TRANSLATE_NOOP("Progress", "{valid} gültig"),
                      valid=count_texts.of_total(1234, count_texts.rows(1234567)))
    assert localized(message) == "1,234 of 1,234,567 rows valid"
    one = Message(QT_TRANSLATE_NOOP("Progress", "{valid} gültig"), valid=count_texts.of_total(1, count_texts.rows(1)))
    assert str(one) == "1 von 1 Zeile gültig" and localized(one) == "1 of 1 row valid"
    assert str(message) == "1.234 von 1.234.567 Zeilen gültig"
    nested = UserError(Message(QT_TRANSLATE_NOOP("RegisterFile", "Die Datei hat mehr als {rows} Datenzeilen; das ist "
                                                                 "kein plausibler Auszug eines Stadtbezirks."),
                               rows=Count(2_000_000)), file="a.csv", row=12345)
    assert localized(nested).startswith("File “a.csv”, Row 12345: The file has more than 2,000,000 data rows")
    assert "mehr als 2.000.000 Datenzeilen" in str(nested)
    seen: list[str] = []
    register = tmp_path / "gross.csv"
    write_register_csv(register, generate_register(1200, seed=5))
    load_register(register, reference_date=dt.date(2026, 1, 1), progress=lambda f, m: seen.append(m))
    valid = seen[-1].message_obj.args["valid"].args["number"]
    assert 1000 < valid <= 1200 and seen[-1] == f"1.{valid - 1000:03d} von 1.200 Zeilen gültig"
    assert localized(seen[-1]) == f"1,{valid - 1000:03d} of 1,200 rows valid"


# -- labs, strata, recommendations, settings ---------------------------------------------------------
def _more_errors(db, tmp_path, monkeypatch) -> dict[str, UserError]:
    from quartierslabor_app.core import settings_store
    from quartierslabor_app.core.draw.strata import age_bands, assign_strata, normalise_dimensions, oversampling_factors
    from quartierslabor_app.core.labs import rename_lab
    from quartierslabor_app.core.recommendations.actors import save_actors
    from quartierslabor_app.core.recommendations.codes import validate_codes
    from quartierslabor_app.core.recommendations.service import parse_card_ids
    errors: dict[str, UserError] = {}
    with db.session() as session:
        create_lab(session, "Nordstadt", "Innenstadt-Nord")
        errors["duplicate"] = _error(lambda: create_lab(session, "Nordstadt", "Eving"))
        errors["district"] = _error(lambda: create_lab(session, "Süd", " "))
        lab = create_lab(session, "Hörde", "Hörde")
        errors["rename"] = _error(lambda: rename_lab(session, lab, "Nordstadt"))
        errors["actors"] = _error(lambda: save_actors(session, ["  "]))
    errors["dimension"] = _error(lambda: normalise_dimensions(["farbe"]))
    errors["card_id"] = _error(lambda: parse_card_ids("12;x"))
    errors["codes"] = _error(lambda: validate_codes("99.9; 98.1"))
    errors["code"] = _error(lambda: validate_codes("99.9"))
    import numpy as np
    strata = assign_strata(("district", "gender"), district=np.array(["Eving"] * 4, dtype=object),
                           subdistrict=np.array(["Eving 1"] * 4, dtype=object), age=np.array([30, 70, 40, 50]),
                           gender=np.array(["w", "m", "w", "m"], dtype=object), bands=age_bands([16, 25], 16))
    errors["not_stratified"] = _error(lambda: oversampling_factors({"age:16–24": 2}, strata))
    errors["value"] = _error(lambda: oversampling_factors({"gender:q": 2}, strata))
    folder = tmp_path / "nicht-da" / "tief"
    monkeypatch.setattr(settings_store, "machine_settings_path", lambda: folder / "settings.json")
    errors["settings"] = _error(lambda: settings_store.save_machine_settings({}))
    return errors


def test_more_core_errors_stay_german(qapp, db, tmp_path, monkeypatch):
    errors = _more_errors(db, tmp_path, monkeypatch)
    assert str(errors["duplicate"]) == "Ein Quartierslabor mit dem Namen „Nordstadt“ gibt es schon.\n" \
                                       "Wählen Sie einen anderen Namen."
    assert str(errors["district"]) == "Der Stadtbezirk des Quartierslabors fehlt."
    assert str(errors["rename"]) == "Ein Quartierslabor mit dem Namen „Nordstadt“ gibt es schon."
    assert str(errors["actors"]).startswith("Die Liste der Zuständigen darf nicht leer sein.\nTragen Sie")
    assert str(errors["dimension"]) == ("Unbekanntes Schichtungsmerkmal „farbe“.\nMöglich sind: district, "
                                        "subdistrict, age, gender (Stadtbezirk, statistischer Bezirk, Alter, "
                                        "Geschlecht).")
    assert str(errors["card_id"]) == "Spalte „Verknüpfte Anliegen“: „x“ ist keine Nummer eines Anliegens."
    assert str(errors["codes"]).startswith("Spalte „Handlungsfeld“: „99.9“, „98.1“ sind keine Handlungsfelder des "
                                           "Masterplans Kommunale Sicherheit 2.0.\nGültig sind Nummern wie „2.3“")
    assert str(errors["code"]).startswith("Spalte „Handlungsfeld“: „99.9“ ist kein Handlungsfeld des Masterplans")
    assert str(errors["not_stratified"]) == ("Übergewichtung „age:16–24“: nach Altersgruppe wird nicht geschichtet.\n"
                                             "Nehmen Sie Altersgruppe in die Schichtung auf oder entfernen Sie die "
                                             "Übergewichtung.")
    assert str(errors["value"]) == ("Übergewichtung „gender:q“: den Wert „q“ gibt es bei Geschlecht nicht.\n"
                                    "Vorhanden: männlich, weiblich")
    assert str(errors["settings"]).startswith("Datei „")
    assert "Die Einstellungen konnten nicht gespeichert werden (" in str(errors["settings"])
    assert localized(errors["value"]) == str(errors["value"])          # German UI


def test_english_more_core_errors(english, db, tmp_path, monkeypatch):
    errors = _more_errors(db, tmp_path, monkeypatch)
    assert localized(errors["duplicate"]) == "A lab named “Nordstadt” already exists.\nChoose a different name."
    assert localized(errors["district"]) == "The district of the lab is missing."
    assert localized(errors["actors"]).startswith("The list of responsible bodies must not be empty.\nEnter at least")
    assert localized(errors["dimension"]).startswith("Unknown stratification characteristic “farbe”.\nPossible are: "
                                                     "district, subdistrict, age, gender (district, ")
    assert localized(errors["card_id"]).endswith("“x” is not the number of a concern.")
    assert "“99.9”, “98.1” are not fields of action of the Masterplan" in localized(errors["codes"])
    assert "“99.9” is not a field of action of the Masterplan" in localized(errors["code"])
    assert localized(errors["not_stratified"]) == ("Oversampling “age:16–24”: the draw is not stratified by "
                                                   "“age group”.\nAdd “age group” to the stratification or remove "
                                                   "the oversampling.")
    assert localized(errors["value"]) == "Oversampling “gender:q”: “gender” has no value “q”.\nPresent: male, female"
    assert "The settings could not be saved (" in localized(errors["settings"])
    assert localized(errors["settings"]).endswith("Check that the data folder is writable.")


# -- draw outputs, letter template, exclusion lists, panel -------------------------------------------
def _draw_output_errors(db, tmp_path) -> dict[str, UserError]:
    from quartierslabor_app.core.draw.exclusion import load_exclusion_keys
    from quartierslabor_app.core.draw.invitee_list import write_invitee_list
    from quartierslabor_app.core.draw.letters import LabInfo, LetterTemplate, draw_addressees, fill, write_letters_pdf
    from quartierslabor_app.core.selection.panel import Category, Respondent, compute_distribution
    from quartierslabor_app.core.draw.protocol import write_protocol_pdf
    from quartierslabor_app.core.draw.store import save_draw
    from quartierslabor_app.core.selection.stored_letters import write_letters_for_invitees
    register = make_register(ages=[30, 40, 50, 60], genders=["w", "m", "w", "m"], districts=["Eving"] * 4,
                             households=[1, 1, 2, 2])
    result = run_draw(register, DrawSettings(size=2, strata=()), "x")
    keys_file = tmp_path / "frueher.csv"
    keys_file.write_text("Personenschlüssel;Name\nkein-schluessel;Anna\n", encoding="utf-8")
    names_file = tmp_path / "namen.csv"
    names_file.write_text("Nachname;Farbe\nMuster;blau\n", encoding="utf-8")
    dates_file = tmp_path / "daten.csv"
    dates_file.write_text("Familienname;Vorname;Geburtsdatum;Anschrift\nMuster;Anna;31.02.1980;Hauptstraße 1\n",
                          encoding="utf-8")
    errors = {
        "household": _error(lambda: run_draw(register, DrawSettings(size=3, strata=()), "x")),
        "empty_letter": _error(lambda: LetterTemplate(body="  ").validate()),
        "placeholder": _error(lambda: LetterTemplate(body="Hallo {vorname} {farbe}").validate()),
        "fill": _error(lambda: fill("{farbe}", {})),
        "broken": _error(lambda: LetterTemplate.from_json("{kaputt")),
        "not_dict": _error(lambda: LetterTemplate.from_json("[1]")),
        "letters_pdf": _error(lambda: write_letters_pdf(tmp_path / "briefe.docx", draw_addressees(register, result),
                                                        LetterTemplate(), LabInfo(name="Nordstadt"))),
        "list_suffix": _error(lambda: write_invitee_list(tmp_path / "liste.txt", register, result)),
        "protocol_pdf": _error(lambda: write_protocol_pdf(tmp_path / "protokoll.txt", register, result, user="")),
        "key": _error(lambda: load_exclusion_keys(keys_file)),
        "columns": _error(lambda: load_exclusion_keys(names_file)),
        "date": _error(lambda: load_exclusion_keys(dates_file)),
        "panel": _error(lambda: compute_distribution([Respondent("a", {"Geschlecht": "w"})],
                                                     [Category("Geschlecht", "w", 2, 3)], 1)),
        "marked": _error(lambda: write_letters_for_invitees(tmp_path / "b.pdf", db, 1, [], LetterTemplate(),
                                                             LabInfo(name="Nordstadt"))),
    }
    with db.session() as session:
        errors["store"] = _error(lambda: save_draw(session, None, register, result, user=""))
    return errors


def test_draw_output_errors_stay_german(qapp, db, tmp_path):
    errors = _draw_output_errors(db, tmp_path)
    assert str(errors["household"]) == (
        "Datei „register.csv“: Es sollen 3 Personen eingeladen werden, aber nur 4 Personen sind teilnahmeberechtigt "
        "(mit der Haushaltsregel, also höchstens einer Person je Haushalt, bleiben 2).\n"
        "Verringern Sie die Zahl der Einladungen oder erweitern Sie die Auswahl.")
    assert str(errors["empty_letter"]) == "Der Brieftext ist leer."
    assert str(errors["placeholder"]).startswith("Unbekannter Platzhalter „{farbe}“ im Brieftext.\n"
                                                 "Möglich sind: {anrede}, {vorname}, ")
    assert str(errors["fill"]) == str(errors["placeholder"])
    assert str(errors["broken"]).startswith("Die gespeicherte Briefvorlage ist beschädigt (")
    assert str(errors["broken"]).endswith(").\nSetzen Sie die Vorlage auf den Standardtext zurück.")
    assert str(errors["not_dict"]) == "Die gespeicherte Briefvorlage ist beschädigt."
    assert str(errors["letters_pdf"]) == ("Datei „briefe.docx“: Die Briefe werden als PDF gespeichert.\n"
                                          "Geben Sie einen Dateinamen mit der Endung .pdf an.")
    assert str(errors["list_suffix"]) == ("Datei „liste.txt“: Die Liste der Eingeladenen kann nur als .csv oder .xlsx "
                                          "gespeichert werden.\nGeben Sie einen Dateinamen mit der Endung .csv oder "
                                          ".xlsx an.")
    assert str(errors["protocol_pdf"]) == ("Datei „protokoll.txt“: Das Protokoll wird als PDF gespeichert.\n"
                                           "Geben Sie einen Dateinamen mit der Endung .pdf an.")
    assert str(errors["key"]) == ("Datei „frueher.csv“, Zeile 2, Spalte „Personenschlüssel“: „kein-schluessel“ ist "
                                  "kein Personenschlüssel dieser Anwendung.\nVerwenden Sie die unveränderte Liste "
                                  "der Eingeladenen.")
    assert str(errors["columns"]) == ("Datei „namen.csv“, Zeile 1: Die Liste früherer Eingeladener hat weder die "
                                      "Spalte „Personenschlüssel“ noch die Spalten „Vorname“, „Straße/Anschrift“.\n"
                                      "Nötig sind Familienname, Vorname, Anschrift (Straße und Hausnummer, PLZ) und "
                                      "möglichst das Geburtsdatum.")
    assert str(errors["date"]) == ("Datei „daten.csv“, Zeile 2, Spalte „Geburtsdatum“: „31.02.1980“ ist ein "
                                   "unmögliches Datum (diesen Tag gibt es nicht).\nKorrigieren Sie das Datum in der "
                                   "Liste früherer Eingeladener.")
    assert str(errors["panel"]) == ("Quote „Geschlecht = w“ ist nicht erfüllbar: mindestens 2 verlangt, aber nur 1 "
                                    "Zusage – 1 Person zu wenig.\nSenken Sie dieses Minimum, erhöhen Sie den "
                                    "Spielraum der Quoten oder verringern Sie die Zahl der Plätze.")
    assert str(errors["marked"]) == "Es sind keine Eingeladenen markiert.\nMarkieren Sie die Zeilen in der Tabelle."
    assert str(errors["store"]) == "Die Ziehung kann nur für ein gespeichertes Quartierslabor abgelegt werden."
    assert all(localized(e) == str(e) for e in errors.values())          # German UI
    assert str(errors["household"]).count("(") == 1                      # no nested parentheses


def test_english_draw_output_errors(english, db, tmp_path):
    errors = _draw_output_errors(db, tmp_path)
    assert localized(errors["household"]) == (
        "File “register.csv”: 3 people are to be invited, but only 4 people are eligible (with the household rule, "
        "that is at most one person per household, 2 remain).\n"
        "Reduce the number of invitations or widen the selection.")
    assert localized(errors["household"]).count("(") == 1
    assert localized(errors["empty_letter"]) == "The letter text is empty."
    assert localized(errors["placeholder"]).startswith("Unknown placeholder “{farbe}” in the letter text.\n"
                                                       "Possible are: {anrede}, {vorname}, ")
    assert localized(errors["fill"]) == localized(errors["placeholder"])
    assert localized(errors["broken"]).startswith("The saved letter template is damaged (")
    assert localized(errors["broken"]).endswith(").\nReset the template to the default text.")
    assert localized(errors["not_dict"]) == "The saved letter template is damaged."
    assert localized(errors["letters_pdf"]) == ("File “briefe.docx”: The letters are saved as PDF.\n"
                                                "Enter a file name ending in .pdf.")
    assert localized(errors["list_suffix"]) == ("File “liste.txt”: The list of invitees can only be saved as .csv or "
                                                ".xlsx.\nEnter a file name ending in .csv or .xlsx.")
    assert localized(errors["protocol_pdf"]) == ("File “protokoll.txt”: The protocol is saved as PDF.\n"
                                                 "Enter a file name ending in .pdf.")
    assert localized(errors["key"]) == ("File “frueher.csv”, Row 2, Column “Personenschlüssel”: “kein-schluessel” is "
                                        "not a person key of this application.\nUse the unchanged list of invitees.")
    assert localized(errors["columns"]) == ("File “namen.csv”, Row 1: The list of earlier invitees has neither the "
                                            "column “Personenschlüssel” nor the columns “Given name”, "
                                            "“Street/address”.\nRequired are family name, given name, address "
                                            "(street and house number, postcode) and if possible the date of birth.")
    assert localized(errors["date"]) == ("File “daten.csv”, Row 2, Column “Geburtsdatum”: “31.02.1980” is an "
                                         "impossible date (this day does not exist).\nCorrect the date in the list "
                                         "of earlier invitees.")
    assert localized(errors["panel"]) == ("Quota “Geschlecht = w” cannot be met: at least 2 required, but only 1 "
                                          "acceptance – 1 person too few.\nLower this minimum, widen the quotas' "
                                          "slack or reduce the number of seats.")
    assert localized(errors["marked"]) == "No invitees are selected.\nSelect the rows in the table."
    assert localized(errors["store"]) == "The draw can only be stored for a saved lab."
    assert str(errors["store"]) == "Die Ziehung kann nur für ein gespeichertes Quartierslabor abgelegt werden."
