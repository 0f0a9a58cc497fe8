"""Lab texts in the UI language: dates, what deleting a lab removes, step status (no widgets)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from ...core import count_texts
from ...core.lab_service import LabCounts
from ..i18n import localized, translate


def format_date(value: Optional[dt.date]) -> str:
    return value.strftime("%d.%m.%Y") if value else translate("LabService", "ohne Datum")


def deletion_summary(counts: LabCounts) -> str:
    """What deleting a lab removes, in the UI language."""
    parts = []
    if counts.draws:
        parts.append(localized(count_texts.draw_records(counts.draws)))
    if counts.invitees:
        parts.append(translate("LabService", "{invited_people} (Namen, Anschriften, Rückmeldungen)").format(
            invited_people=localized(count_texts.invited_people(counts.invitees))))
    if counts.cards:
        parts.append(localized(count_texts.concerns(counts.cards)))
    if counts.clusters:
        parts.append(localized(count_texts.topics(counts.clusters)))
    if counts.recommendations:
        parts.append(localized(count_texts.recommendations(counts.recommendations)))
    if not parts:
        return translate("LabService", "Das Labor enthält noch keine Daten.")
    return translate("LabService", "Dabei werden gelöscht: {0}.").format(", ".join(parts))


def step_status_texts(counts: LabCounts, capacity: int) -> dict[str, str]:
    """Short status per lifecycle step for the step bar (keys: the German step names)."""
    if counts.invitees:
        invitation = localized(count_texts.invitees(counts.invitees - counts.replacements))
        if counts.accepted:
            invitation += " · " + translate("LabService", "{accepted}/{capacity} Zusagen").format(
                accepted=counts.accepted, capacity=capacity)
    else:
        invitation = translate("LabService", "noch keine Ziehung")
    if counts.cards:
        workshop = localized(count_texts.concerns(counts.cards))
    else:
        workshop = translate("LabService", "noch keine Anliegen")
    if counts.cards and counts.topics_in_use:
        # topics with cards, like the board's status line (an empty topic is not counted)
        workshop += " · " + localized(count_texts.topics(counts.topics_in_use))
    recommendations = (localized(count_texts.recommendations(counts.recommendations))
                       if counts.recommendations else translate("LabService", "noch keine Empfehlungen"))
    export = (translate("LabService", "bereit") if (counts.cards or counts.recommendations)
              else translate("LabService", "noch nichts zu berichten"))
    return {"Einladung": invitation, "Workshop": workshop, "Empfehlungen": recommendations,
            "Export": export}
