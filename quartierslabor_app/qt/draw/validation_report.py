"""The validation report as rows and as a CSV file Excel opens directly (Qt-free)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from ...core.csv_output import SafeCsvWriter
from ...core.errors import UserError
from ...core.messages import QT_TRANSLATE_NOOP, Message
from ...core.register.model import ValidatedRegister
from ...core.temp_files import temp_file_beside

REPORT_HEADERS = ("Zeile", "Spalte", "Art", "Meldung")
SEVERITY_LABELS = {"error": "Fehler", "warning": "Hinweis"}


def report_rows(register: ValidatedRegister,
                text: Callable[[object], str] = str) -> list[tuple[int, str, str, str]]:
    """Issues sorted by row, then duplicates that are not already listed as issues.

    ``text`` turns a core message into the shown text: German by default (the saved CSV),
    ``i18n.localized`` for the table in the UI language.
    """
    rows = [(i.row, i.column, SEVERITY_LABELS.get(i.severity, i.severity), text(i.message_obj or i.message))
            for i in register.issues]
    listed = {(i.row, "dup") for i in register.issues if "doppelt" in i.message.lower()}
    for row, first in register.duplicate_rows:
        if (row, "dup") not in listed:
            rows.append((row, "", "Fehler", text(Message(QT_TRANSLATE_NOOP(
                "ValidationPage", "Doppelt: dieselbe Person wie in Zeile {row}"), row=first))))
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def summary_counts(register: ValidatedRegister) -> dict[str, int]:
    return {
        "read": register.rows_read,
        "valid": register.rows_valid,
        "invalid": len(register.invalid_rows),
        "duplicates": len(register.duplicate_rows),
        "warnings": sum(1 for i in register.issues if i.severity != "error"),
    }


def write_validation_report(path: "str | os.PathLike[str]", register: ValidatedRegister) -> Path:
    """CSV (UTF-8 with BOM, semicolon) with the register's file name and SHA-256 on top; atomic."""
    target = Path(path)
    counts = summary_counts(register)
    tmp = None
    try:
        tmp = temp_file_beside(target)
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            writer = SafeCsvWriter(fh, delimiter=";")
            writer.writerow(["Prüfbericht Registerauszug", register.table.file_name])
            writer.writerow(["SHA-256", register.table.sha256])
            writer.writerow(["Zeilen gelesen", counts["read"], "gültig", counts["valid"],
                             "ungültig", counts["invalid"], "doppelt", counts["duplicates"]])
            writer.writerow([])
            writer.writerow(REPORT_HEADERS)
            for row in report_rows(register):
                writer.writerow([str(v) for v in row])
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise UserError(f"Der Prüfbericht konnte nicht gespeichert werden ({exc.strerror or exc}).",
                        file=str(target), hint="Ist die Datei noch in Excel geöffnet? Dann bitte schließen.") from exc
    return target

