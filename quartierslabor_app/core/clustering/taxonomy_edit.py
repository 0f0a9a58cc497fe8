"""How a city extends its taxonomy in the settings: cue words and example cards of a cluster, new clusters, and
the taxonomy file it exports to share between facilitators (Qt-free; the settings tab calls these)."""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from ..reports.atomic import atomic_write
from .lexicon import parse_cue
from .model import ClusterDef
from .taxonomy import taxonomy_to_json

_SPLIT = re.compile(r"[\n,;]+")


def _empty_name() -> UserError:
    return UserError(Message(QT_TRANSLATE_NOOP("TaxonomyEdit", "Der Name des Themas ist leer.")),
                     hint=Message(QT_TRANSLATE_NOOP("TaxonomyEdit", "Bitte einen kurzen Namen eingeben, "
                                                                    "z. B. „Tauben“.")))


def cue_lines(cues: tuple[str, ...]) -> str:
    """Cue entries as the editor shows them: one per line."""
    return "\n".join(cues)


def parse_cue_text(text: str, cluster_name: str) -> tuple[str, ...]:
    """Cue entries from the editor (one per line, or separated by commas), ``wort`` or ``wort:gewicht``; a weight
    outside 0–1 or no number is refused naming the entry."""
    out: list[str] = []
    for raw in _SPLIT.split(text or ""):
        entry = " ".join(raw.split())
        if not entry:
            continue
        if ":" in entry:
            term, _, weight = entry.rpartition(":")
            try:
                value = float(weight.replace(",", "."))
            except ValueError:
                value = -1.0
            if not term.strip() or not 0 < value <= 1:
                raise UserError(Message(QT_TRANSLATE_NOOP("TaxonomyEdit", "Das Stichwort „{entry}“ des Themas "
                                                                          "„{name}“ hat kein gültiges Gewicht."),
                                        entry=entry, name=cluster_name),
                                hint=Message(QT_TRANSLATE_NOOP("TaxonomyEdit", "Gewichte stehen hinter einem "
                                                                               "Doppelpunkt und liegen zwischen 0 "
                                                                               "und 1, z. B. „Taubendreck:0.8“.")))
        term, _ = parse_cue(entry)
        if entry not in out and term.strip("=^@"):
            out.append(entry)
    return tuple(out)


def parse_example_text(text: str) -> tuple[str, ...]:
    """Example cards from the editor: one per line, empty lines and repeats dropped."""
    out: list[str] = []
    for line in (text or "").splitlines():
        line = " ".join(line.split())
        if line and line not in out:
            out.append(line)
    return tuple(out)


def edited_cluster(cluster: ClusterDef, *, name: str, description: str, cues_text: str,
                   examples_text: str) -> ClusterDef:
    """The cluster with the editor's values; the key stays (renaming keeps all knowledge)."""
    name = " ".join((name or "").split())
    if not name:
        raise _empty_name()
    return replace(cluster, name=name, description=" ".join((description or "").split()),
                   cues=parse_cue_text(cues_text, name), examples=parse_example_text(examples_text),
                   languages={lang: dict(parts) for lang, parts in cluster.languages.items()})


def _slug(name: str) -> str:
    text = name.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:40] or "thema"


def new_cluster(clusters: list[ClusterDef], name: str, color: str = "#888888") -> ClusterDef:
    """A new cluster of the city named ``name`` with a key no other cluster has; refused if the name is taken."""
    name = " ".join((name or "").split())
    if not name:
        raise _empty_name()
    if any(c.name.casefold() == name.casefold() or c.key == name.casefold() for c in clusters):
        raise UserError(Message(QT_TRANSLATE_NOOP("TaxonomyEdit", "Ein Thema „{name}“ gibt es schon."), name=name),
                        hint=Message(QT_TRANSLATE_NOOP("TaxonomyEdit", "Stichwörter und Beispielkarten lassen sich "
                                                                       "beim vorhandenen Thema ergänzen.")))
    taken = {c.key for c in clusters}
    key, n = "stadt-" + _slug(name), 2
    base = key
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return ClusterDef(key=key, name=name, color=color)


def write_taxonomy_file(path: "str | os.PathLike[str]", clusters: list[ClusterDef]) -> Path:
    """The complete taxonomy (all knowledge) as a JSON file to share; written atomically."""
    text = taxonomy_to_json(clusters, full=True)

    def write(tmp: Path) -> None:
        tmp.write_text(text + "\n", encoding="utf-8")

    return atomic_write(path, write)
