"""Fixed choice lists of a Handlungsempfehlung (German values as stored and shown)."""
from __future__ import annotations

PRIORITIES = ("hoch", "mittel", "niedrig")
HORIZONS = ("sofort", "kurzfristig", "mittelfristig", "langfristig")
STATUSES = ("offen", "in Arbeit", "umgesetzt", "verworfen")

DEFAULT_PRIORITY = "mittel"
DEFAULT_HORIZON = "kurzfristig"
DEFAULT_STATUS = "offen"

#: responsible actors offered by default (editable per database, Setting "actors")
DEFAULT_ACTORS = (
    "Ordnungsamt",
    "Polizei",
    "EDG (Entsorgung Dortmund)",
    "Stadtplanung",
    "Tiefbauamt",
    "Grünflächenamt",
    "Jugendamt",
    "Sozialamt",
    "Quartiersmanagement",
    "Bezirksvertretung",
    "Wohnungsgesellschaft",
    "Bewohnerinnen und Bewohner",
)

#: German labels of the recommendation fields (column headers, error messages)
FIELD_LABELS = {
    "title": "Titel",
    "text": "Text",
    "handlungsfeld_codes": "Handlungsfeld",
    "actor": "Zuständig",
    "priority": "Priorität",
    "horizon": "Zeithorizont",
    "place": "Ort",
    "status": "Status",
    "status_note": "Status-Notiz",
    "linked_card_ids": "Verknüpfte Anliegen",
    "cluster_id": "Thema",
}
