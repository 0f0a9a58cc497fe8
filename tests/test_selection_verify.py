"""Draw record, ``quartierslabor verify``, the lay protocol, reply codes and the Art. 13 DSGVO letter page."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from quartierslabor_app.cli.main import main
from quartierslabor_app.core import demo
from quartierslabor_app.core.draw.privacy_notice import (REQUIRED_HEADINGS, PrivacyNotice, default_privacy_notice,
                                                         load_privacy_notice, save_privacy_notice)
from quartierslabor_app.core.draw.reply_codes import (ALPHABET, format_reply_code, looks_like_reply_code,
                                                      normalise_reply_code, reply_code)
from quartierslabor_app.core.draw.strata import parse_age_edges
from quartierslabor_app.core.errors import UserError
from quartierslabor_app.core.retention import set_retention_months

SEED = "Würfel öffentlich: 6 2 5 1"
REFERENCE = (dt.date.today() + dt.timedelta(days=30)).isoformat()


@pytest.fixture(scope="module")
def rows():
    return demo.generate_register(1200, seed=23)


@pytest.fixture
def register_csv(tmp_path: Path, rows) -> Path:
    return demo.write_register_csv(tmp_path / "melderegister.csv", rows)


def _draw(register: Path, out: Path, *extra: str) -> Path:
    out.mkdir(exist_ok=True)
    code = main(["draw", str(register), "--size", "15", "--replacements", "4", "--seed", SEED,
                 "--out", str(out / "liste.csv"), "--letters", str(out / "briefe.pdf"),
                 "--protocol", str(out / "protokoll.pdf"), "--reference-date", REFERENCE, *extra])
    assert code == 0
    return out / "protokoll.json"


def _verify(capsys, record: Path, register: Path, *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["verify", str(record), str(register), *extra])
    out, err = capsys.readouterr()
    return code, (out + err).strip()


def test_record_beside_protocol_holds_settings_seed_keys_and_hashes(tmp_path, register_csv):
    record_path = _draw(register_csv, tmp_path / "out")
    record = json.loads(record_path.read_text(encoding="utf-8"))
    assert (record["format"], record["format_version"], record["kind"]) == ("quartierslabor-record", 1, "draw")
    assert record["register"]["sha256"] == hashlib.sha256(register_csv.read_bytes()).hexdigest()
    assert record["seed"]["sha256"] == hashlib.sha256(SEED.encode("utf-8")).hexdigest()
    assert record["settings"]["size"] == 15 and record["settings"]["replacements"] == 4
    assert [i["order"] for i in record["invitees"]] == list(range(1, 20))
    assert sum(i["replacement"] for i in record["invitees"]) == 4
    with open(tmp_path / "out" / "liste.csv", encoding="utf-8-sig") as fh:
        listed_keys = [line.rstrip("\n").split(";")[-1] for line in fh][1:]
    assert listed_keys == [i["person_key"] for i in record["invitees"]]
    kinds = {o["kind"]: o for o in record["outputs"]}
    assert set(kinds) == {"list", "letters", "protocol"}
    for output in record["outputs"]:
        assert output["sha256"] == hashlib.sha256((tmp_path / "out" / output["file_name"]).read_bytes()).hexdigest()
    assert record["letters"]["privacy"]["retention_months"] == 3
    text = record_path.read_text(encoding="utf-8")
    with open(tmp_path / "out" / "liste.csv", encoding="utf-8-sig") as fh:
        next(fh)
        demo_name = next(fh).split(";")[0]
    assert demo_name and demo_name not in text          # no names or addresses in the record


def test_verify_confirms_a_correct_draw_in_one_line(tmp_path, register_csv, capsys):
    ex = tmp_path / "frueher.csv"
    assert main(["draw", str(register_csv), "--size", "60", "--seed", "früher", "--out", str(ex)]) == 0
    record = _draw(register_csv, tmp_path / "out", "--exclude", str(ex))
    data = json.loads(record.read_text(encoding="utf-8"))
    assert len(data["exclusion"]["person_keys"]) == 60
    code, line = _verify(capsys, record, register_csv)
    assert code == 0, line
    assert "\n" not in line and line.startswith("Prüfung bestanden") and "alle 19 Eingeladenen" in line
    assert "liste.csv" in line and "briefe.pdf" in line


def test_verify_names_a_changed_register(tmp_path, register_csv, capsys):
    record = _draw(register_csv, tmp_path / "out")
    lines = register_csv.read_text(encoding="cp1252").splitlines(keepends=True)
    changed = tmp_path / "geaendert.csv"
    changed.write_text("".join(lines[:1] + lines[2:]), encoding="cp1252")   # one resident less
    code, line = _verify(capsys, record, changed)
    assert code == 1 and "\n" not in line
    assert line.startswith("Prüfung NICHT bestanden") and "Registerauszug: SHA-256" in line
    assert "Eingeladene weichen ab ab Nr." in line


def test_verify_names_a_changed_record(tmp_path, register_csv, capsys):
    record = _draw(register_csv, tmp_path / "out")
    data = json.loads(record.read_text(encoding="utf-8"))
    data["invitees"][2], data["invitees"][3] = data["invitees"][3], data["invitees"][2]
    data["invitees"][2]["order"], data["invitees"][3]["order"] = 3, 4
    record.write_text(json.dumps(data), encoding="utf-8")
    code, line = _verify(capsys, record, register_csv)
    assert code == 1 and "ab Nr. 3" in line and "Registerauszug" not in line

    data = json.loads((tmp_path / "out" / "protokoll.json").read_text(encoding="utf-8"))
    data["seed"]["text"] = SEED + "!"
    record.write_text(json.dumps(data), encoding="utf-8")
    code, line = _verify(capsys, record, register_csv)
    assert code == 1 and "Startwert: SHA-256" in line and "briefe.pdf: SHA-256" in line


def test_verify_refuses_unknown_kind_and_broken_files_in_german(tmp_path, register_csv, capsys):
    record = _draw(register_csv, tmp_path / "out")
    data = json.loads(record.read_text(encoding="utf-8"))
    data["kind"] = "zukunft"
    other = tmp_path / "art.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    code, line = _verify(capsys, other, register_csv)
    assert code == 2 and "„zukunft“" in line and "draw" in line and "Traceback" not in line
    broken = tmp_path / "kaputt.json"
    broken.write_text("{nicht json", encoding="utf-8")
    code, line = _verify(capsys, broken, register_csv)
    assert code == 2 and "kein gültiges JSON" in line
    code, line = _verify(capsys, record, tmp_path / "fehlt.csv")
    assert code == 2 and "gibt es nicht" in line


def test_protocol_opens_with_lay_summary_and_ends_with_signatures(tmp_path, register_csv):
    _draw(register_csv, tmp_path / "out")
    pages = [p.extract_text() for p in PdfReader(tmp_path / "out" / "protokoll.pdf").pages]
    first = pages[0].replace("\n", " ")
    assert "Auf einen Blick" in first and "Was wurde gezogen?" in first
    assert "15 Personen zufällig" in first and "4 Nachrücker" in first
    assert "quartierslabor verify protokoll.json melderegister.csv" in first
    assert "numpy" not in first and "rng." not in first      # technical detail is in the appendix
    appendix = next(i for i, p in enumerate(pages) if "Anhang: Technische Einzelheiten" in p)
    assert appendix > 0 and "numpy.random.PCG64" in "".join(pages[appendix:])
    last = pages[-1]
    assert "Unterschriften" in last and "Zeugin oder Zeuge" in last and "Durchgeführt von" in last
    assert "Dauer der Ziehung" not in "".join(pages)


def test_one_age_band_parser_accepts_spaces_commas_semicolons():
    assert parse_age_edges("16 25  35,50;65") == (16, 25, 35, 50, 65)
    assert parse_age_edges("65,16") == (16, 65)
    with pytest.raises(UserError, match="keine Liste ganzer Zahlen"):
        parse_age_edges("16, zwanzig")
    with pytest.raises(UserError, match="mindestens eine Altersgrenze"):
        parse_age_edges(" , ")


def test_reply_codes_are_short_stable_and_forgiving():
    keys = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(3000)]
    codes = [reply_code(k) for k in keys]
    assert all(len(c) == 6 and set(c) <= set(ALPHABET) for c in codes)
    assert len(set(codes)) >= 2995          # 30 bits: collisions in a lab are rare (and refused when they happen)
    assert codes == [reply_code(k) for k in keys]
    code = codes[0]
    typed = format_reply_code(code).lower().replace("0", "o").replace("1", "l")
    assert normalise_reply_code(typed) == code and looks_like_reply_code(typed)
    assert not looks_like_reply_code("K7M-2Q") and reply_code("") == ""


def test_privacy_notice_follows_retention_setting_and_needs_every_heading(db):
    default = default_privacy_notice()
    assert [h for h, _ in default.sections if h in REQUIRED_HEADINGS] == list(REQUIRED_HEADINGS)
    default.validate()
    with db.session() as s:
        set_retention_months(s, 7)
        notice = load_privacy_notice(s)
    assert notice.retention_months == 7
    assert notice.storage_text(None) == "7 Monate nach dem Quartierslabor"
    assert notice.storage_text(dt.date(2026, 3, 14)).endswith("also bis zum 14. Oktober 2026")
    edited = PrivacyNotice.from_sections_text(notice.title, notice.sections_text().replace(
        "Beschwerderecht:", "Hinweis:"), retention_months=7)
    with pytest.raises(UserError, match="Beschwerderecht"):
        edited.validate()
    with pytest.raises(UserError, match="Absatz 2"):
        PrivacyNotice.from_sections_text("T", "Zweck: x\n\nohne Überschrift")
    changed = PrivacyNotice.from_sections_text(notice.title, notice.sections_text().replace(
        "Stadt Dortmund, Ordnungsamt", "Stadt Bochum, Ordnungsamt"), retention_months=7)
    with db.session() as s:
        save_privacy_notice(s, changed)
    with db.session() as s:
        assert "Stadt Bochum" in load_privacy_notice(s).sections[0][1]


def test_letter_back_page_states_retention_from_the_setting(tmp_path, register_csv, capsys):
    database = tmp_path / "app.sqlite3"
    assert main(["lab", "create", "--name", "Eving", "--district", "Eving", "--date", "2026-06-20",
                 "--db", str(database)]) == 0
    from quartierslabor_app.core.storage.database import open_database
    db = open_database(database)
    with db.session() as s:
        set_retention_months(s, 5)
    db.dispose()
    out = tmp_path / "out"
    out.mkdir()
    assert main(["draw", str(register_csv), "--size", "3", "--seed", "x", "--lab", "Eving", "--db", str(database),
                 "--out", str(out / "l.csv"), "--letters", str(out / "b.pdf")]) == 0
    pages = PdfReader(out / "b.pdf").pages
    assert len(pages) == 6
    back = pages[1].extract_text().replace("\n", " ")
    assert "5 Monate nach dem Quartierslabor, also bis zum 20. November 2026" in back
    for heading in REQUIRED_HEADINGS:
        assert heading in back
    assert "Aufsichtsbehörde" in back and "§ 46 Bundesmeldegesetz" in back


def test_record_follows_files_saved_after_the_protocol(tmp_path, register_csv, capsys):
    """The GUI saves in any order: letters saved after the protocol still get their hash into the record."""
    from quartierslabor_app.core.draw import DrawSettings, LabInfo, LetterTemplate
    from quartierslabor_app.core.register import load_register
    from quartierslabor_app.core.selection import draw_service
    register = load_register(register_csv)
    run = draw_service.perform_draw(register, DrawSettings(size=6), "Reihenfolge", draw_service.Exclusions(),
                                    user="Prüferin")
    draw_service.write_list(run, tmp_path / "liste.csv")
    _protocol, record = draw_service.write_protocol(run, tmp_path / "protokoll.pdf")
    assert record == tmp_path / "protokoll.json"
    assert [o["kind"] for o in json.loads(record.read_text(encoding="utf-8"))["outputs"]] == ["list", "protocol"]
    draw_service.write_letters(run, tmp_path / "briefe.pdf", LetterTemplate(), LabInfo(name="Labor"))
    outputs = json.loads(record.read_text(encoding="utf-8"))["outputs"]
    assert [o["kind"] for o in outputs] == ["list", "letters", "protocol"]
    code, line = _verify(capsys, record, register_csv)
    assert code == 0 and "briefe.pdf" in line, line
