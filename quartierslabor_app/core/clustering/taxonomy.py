"""The built-in concern taxonomy (mapped to Masterplan 2.0 Handlungsfelder) and its JSON form."""
from __future__ import annotations

import json
from dataclasses import asdict

from ..errors import UserError
from .model import ClusterDef

#: key of the catch-all cluster; cards that fit nothing well land here
OTHER_KEY = "sonstiges"

_DEFAULT = (
    ("laerm", "Lärm", "#e6194b", ("2", "2.1"), "Lärm, Ruhestörung, laute Musik, Gegröle, Hupen, Hundegebell"),
    ("sauberkeit", "Sauberkeit/Müll", "#8d6e35", ("2.3", "2.3.1", "2.3.2"),
     "Müll, Sperrmüll, Hundekot, Dreck, Ratten, volle Mülleimer, wilde Müllkippen"),
    ("parken", "Parken", "#4363d8", ("2.9", "2.9.1"), "Falschparker, zugeparkte Gehwege und Einfahrten, Parkplatzmangel"),
    ("verkehr", "Verkehrssicherheit/Raserei", "#f58231", ("2.9", "2.9.2", "1.2.2"),
     "Raser, Tempo, gefährliche Kreuzungen, Schulwege, Überwege, Ampeln, Radwege"),
    ("nachbarschaft", "Nachbarschaft/sozialer Zusammenhalt", "#3cb44b", ("1", "1.3", "1.3.1", "1.4.4", "1.4.8"),
     "Zusammenhalt, Kontakt, Begegnung, Konflikte unter Nachbarn, Integration, Einsamkeit"),
    ("angstraeume", "Angsträume/Beleuchtung", "#911eb4", ("1.2", "1.2.1", "1.2.3"),
     "dunkle Ecken, fehlende oder kaputte Beleuchtung, Unterführungen, zugewachsene Wege, Unsicherheitsgefühl"),
    ("alkohol_drogen", "Alkohol/Drogen/Betteln", "#f032e6", ("2.4",),
     "Trinkerszene, Drogenhandel und -konsum, Spritzen, aggressives Betteln"),
    ("praesenz", "Präsenz Polizei/Ordnungsamt", "#000075", ("2.1", "2.2", "1.4.1"),
     "Polizei und Ordnungsamt sichtbar und erreichbar, Streifen, Kontrollen, Ansprechpartner"),
    ("kriminalitaet", "Kriminalität/Vandalismus/Einbruch", "#800000", ("1.1", "1.1.1", "2.5"),
     "Einbrüche, Diebstahl, Überfälle, Gewalt, Sachbeschädigung, Graffiti"),
    ("jugend", "Kinder und Jugend/Freizeit", "#42d4f4", ("1.1.2", "2.8", "2.8.2"),
     "Spielplätze, Jugendtreffs, Freizeitangebote, Jugendgruppen, Schulen und Kitas"),
    (OTHER_KEY, "Sonstiges", "#a9a9a9", (), "alles, was in keinen anderen Cluster passt"),
)


def default_taxonomy() -> list[ClusterDef]:
    """A fresh copy of the built-in taxonomy (callers may change it freely)."""
    return [ClusterDef(key=k, name=n, color=c, handlungsfeld_codes=tuple(h), description=d)
            for k, n, c, h, d in _DEFAULT]


def taxonomy_to_json(clusters: list[ClusterDef]) -> str:
    """JSON text of a taxonomy (stored in ``Lab.taxonomy_json`` and the ``default_taxonomy`` setting)."""
    data = {"version": 1, "clusters": []}
    for c in clusters:
        item = asdict(c)
        item["handlungsfeld_codes"] = list(c.handlungsfeld_codes)
        data["clusters"].append(item)
    return json.dumps(data, ensure_ascii=False, indent=1)


def taxonomy_from_json(text: str, *, source: str | None = None) -> list[ClusterDef]:
    """Parse a taxonomy JSON (either ``{"clusters": [...]}`` or a bare list); German ``UserError`` if invalid."""
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as exc:
        raise UserError(f"Die Cluster-Liste ist kein gültiges JSON ({exc}).", file=source,
                        hint="Bitte eine mit Quartierslabor gespeicherte Taxonomie-Datei verwenden.") from None
    items = data.get("clusters") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise UserError("Die Cluster-Liste enthält keine Cluster.", file=source,
                        hint="Erwartet wird eine Liste von Clustern mit „key“ und „name“.")
    out: list[ClusterDef] = []
    seen: set[str] = set()
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not str(item.get("key", "")).strip() or not str(item.get("name", "")).strip():
            raise UserError(f"Cluster Nr. {i} hat keinen Schlüssel („key“) oder keinen Namen („name“).",
                            file=source, hint="Jeder Cluster braucht „key“ und „name“.")
        key = str(item["key"]).strip()
        if key in seen:
            raise UserError(f"Der Cluster-Schlüssel „{key}“ kommt doppelt vor.", file=source,
                            hint="Jeder Schlüssel darf nur einmal vorkommen.")
        seen.add(key)
        out.append(ClusterDef(key=key, name=str(item["name"]).strip(), color=str(item.get("color") or "#cccccc"),
                              handlungsfeld_codes=tuple(str(x) for x in item.get("handlungsfeld_codes") or ()),
                              description=str(item.get("description") or "")))
    return out
