"""Saving an openpyxl workbook byte-reproducibly: same content and time -> same file.

openpyxl stamps the save time into ``docProps/core.xml`` and the ZIP stamps every entry with
the clock, so two saves of the same list differ. Here both carry one given time (for the
invitee list: the time the draw recorded), the entries keep openpyxl's order and get fixed
ZIP attributes, so ``quartierslabor verify`` can compare an XLSX by its SHA-256 like a CSV.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

#: the earliest time a ZIP entry can carry
_ZIP_EPOCH = dt.datetime(1980, 1, 1)


def save_workbook_fixed(workbook, path: "str | os.PathLike[str]", when: "dt.datetime | None") -> None:
    """Save ``workbook`` to ``path`` with created/modified = ``when`` (no time: 1 January 1980)."""
    from openpyxl.xml.functions import tostring

    stamp = max(_ZIP_EPOCH, (when or _ZIP_EPOCH).replace(tzinfo=None, microsecond=0))
    workbook.properties.created = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)                      # sets properties.modified to the clock …
    workbook.properties.modified = stamp       # … which the rewritten core.xml replaces
    core = tostring(workbook.properties.to_tree())
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for entry in source.infolist():
            data = core if entry.filename == "docProps/core.xml" else source.read(entry.filename)
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0            # not the platform zipfile runs on
            fixed.external_attr = 0
            target.writestr(fixed, data)
