"""The concern taxonomy as data: the built-in file ``resources/clustering/taxonomy.json``, its JSON form for labs,
city defaults and files facilitators share (format in ``resources/README.md``)."""
from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from typing import Any, Optional

from ..errors import UserError
from ..paths import resource_path
from .model import ClusterDef

#: key of the catch-all cluster; cards that fit nothing well land here
OTHER_KEY = "sonstiges"
FORMAT_NAME = "quartierslabor-taxonomy"
FORMAT_VERSION = 2
BUILTIN_FILE = ("clustering", "taxonomy.json")


@lru_cache(maxsize=1)
def _builtin_data() -> dict[str, Any]:
    with open(resource_path(*BUILTIN_FILE), encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def _builtin_clusters() -> tuple[ClusterDef, ...]:
    return tuple(_parse_clusters(_builtin_data(), source=BUILTIN_FILE[-1], fill_builtin=False))


def builtin_rules() -> tuple[list[dict[str, Any]], dict[str, tuple[str, ...]]]:
    """Co-occurrence rules and noun readings of the built-in file (see :mod:`.lexicon`)."""
    data = _builtin_data()
    return (list(data.get("cooccurrence", [])),
            {k: tuple(v) for k, v in (data.get("noun_readings") or {}).items()})


def builtin_cluster(key: str) -> Optional[ClusterDef]:
    return next((c for c in _builtin_clusters() if c.key == key), None)


def default_taxonomy() -> list[ClusterDef]:
    """A fresh copy of the built-in taxonomy (callers may change it freely)."""
    return [_copy(c) for c in _builtin_clusters()]


def _copy(c: ClusterDef) -> ClusterDef:
    return replace(c, languages={lang: dict(parts) for lang, parts in c.languages.items()})


def _knowledge(c: ClusterDef) -> tuple:
    return (c.cues, c.examples, {lang: {k: tuple(v) for k, v in parts.items()} for lang, parts in c.languages.items()})


def taxonomy_to_json(clusters: list[ClusterDef], *, full: bool = False) -> str:
    """JSON text of a taxonomy (stored in ``Lab.taxonomy_json`` and the city default setting).

    Without ``full``, a cluster whose cue words, examples and languages equal the built-in cluster of the same key
    (or that has none) leaves them out (they are filled in on reading, so a new app version's knowledge reaches existing labs);
    ``full`` writes everything (a file to share between facilitators).
    """
    data: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "clusters": []}
    for c in clusters:
        item: dict[str, Any] = {"key": c.key, "name": c.name, "color": c.color,
                                "handlungsfeld_codes": list(c.handlungsfeld_codes), "description": c.description}
        builtin = builtin_cluster(c.key)
        inherits = builtin is not None and (not c.has_knowledge() or _knowledge(builtin) == _knowledge(c))
        if full or not inherits:
            item["cues"] = list(c.cues)
            item["examples"] = list(c.examples)
            item["languages"] = {lang: {k: list(v) for k, v in parts.items()}
                                 for lang, parts in sorted(c.languages.items())}
        data["clusters"].append(item)
    return json.dumps(data, ensure_ascii=False, indent=1)


def _strings(value: Any, what: str, key: str, source: Optional[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UserError(f"„{what}“ des Themas „{key}“ ist keine Liste von Texten.", file=source,
                        hint="Erwartet wird z. B. [\"laerm\", \"laut:0.9\"].")
    return tuple(v.strip() for v in value if v.strip())


def _languages(value: Any, key: str, source: Optional[str]) -> dict[str, dict[str, tuple[str, ...]]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise UserError(f"„languages“ des Themas „{key}“ ist keine Zuordnung Sprache → Stichwörter/Beispiele.",
                        file=source, hint="Erwartet wird z. B. {\"tr\": {\"cues\": [...], \"examples\": [...]}}.")
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang, parts in value.items():
        if not isinstance(parts, dict):
            raise UserError(f"Sprache „{lang}“ des Themas „{key}“ ist keine Zuordnung.", file=source,
                            hint="Erwartet wird {\"cues\": [...], \"examples\": [...]}.")
        out[str(lang)] = {"cues": _strings(parts.get("cues"), f"languages.{lang}.cues", key, source),
                          "examples": _strings(parts.get("examples"), f"languages.{lang}.examples", key, source)}
    return out


def _parse_clusters(data: Any, *, source: Optional[str], fill_builtin: bool = True) -> list[ClusterDef]:
    items = data.get("clusters") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise UserError("Die Themenliste enthält keine Themen.", file=source,
                        hint="Erwartet wird eine Liste von Themen mit „key“ und „name“.")
    out: list[ClusterDef] = []
    seen: set[str] = set()
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not str(item.get("key", "")).strip() or not str(item.get("name", "")).strip():
            raise UserError(f"Thema Nr. {i} hat keinen Schlüssel („key“) oder keinen Namen („name“).",
                            file=source, hint="Jedes Thema braucht „key“ und „name“.")
        key = str(item["key"]).strip()
        if key in seen:
            raise UserError(f"Der Themen-Schlüssel „{key}“ kommt doppelt vor.", file=source,
                            hint="Jeder Schlüssel darf nur einmal vorkommen.")
        seen.add(key)
        cluster = ClusterDef(key=key, name=str(item["name"]).strip(), color=str(item.get("color") or "#cccccc"),
                             handlungsfeld_codes=tuple(str(x) for x in item.get("handlungsfeld_codes") or ()),
                             description=str(item.get("description") or ""),
                             cues=_strings(item.get("cues"), "cues", key, source),
                             examples=_strings(item.get("examples"), "examples", key, source),
                             languages=_languages(item.get("languages"), key, source))
        builtin = builtin_cluster(key) if fill_builtin and "cues" not in item and "examples" not in item else None
        if builtin is not None:
            # a lab or city file written without knowledge (older versions, compact form): the built-in knowledge
            cluster = replace(cluster, cues=builtin.cues, examples=builtin.examples,
                              languages=_copy(builtin).languages)
        out.append(cluster)
    return out


def taxonomy_from_json(text: str, *, source: str | None = None) -> list[ClusterDef]:
    """Parse a taxonomy JSON (either ``{"clusters": [...]}`` or a bare list); German ``UserError`` if invalid."""
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as exc:
        raise UserError(f"Die Themenliste ist kein gültiges JSON ({exc}).", file=source,
                        hint="Bitte eine mit Quartierslabor gespeicherte Taxonomie-Datei verwenden.") from None
    return _parse_clusters(data, source=source)
