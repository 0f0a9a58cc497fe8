"""Handlungsfeld codes of the Masterplan Kommunale Sicherheit 2.0: parse, validate, propose."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from ..storage.models import Cluster

_SPLIT = re.compile(r"[;,\s]+")
_CODE = re.compile(r"^\d+(\.\d+)*$")


def parse_codes(value: "str | Iterable[str] | None") -> list[str]:
    """``"2.3; 1.2.3"`` or ``["2.3", "1.2.3"]`` -> ``["2.3", "1.2.3"]`` (order kept, no duplicates)."""
    if value is None:
        return []
    parts = _SPLIT.split(value) if isinstance(value, str) else [str(v) for v in value]
    result: list[str] = []
    for part in parts:
        code = part.strip().rstrip(".")
        if code and code not in result:
            result.append(code)
    return result


def join_codes(codes: Iterable[str]) -> str:
    """Storage form: ``"2.3;1.2.3"``."""
    return ";".join(parse_codes(list(codes)))


def code_sort_key(code: str) -> tuple:
    """Natural order: 1.2 < 1.10 < 2; unknown texts last."""
    if _CODE.match(code or ""):
        return (0, tuple(int(p) for p in code.split(".")))
    return (1, (code or "",))


@lru_cache(maxsize=1)
def _catalogue() -> tuple[tuple[str, str], ...]:
    from ..handlungsfelder import load_handlungsfelder
    return tuple((str(c), str(t)) for c, t in load_handlungsfelder())


def handlungsfelder() -> list[tuple[str, str]]:
    """All Masterplan 2.0 fields of action as (code, title)."""
    return list(_catalogue())


def handlungsfeld_titles() -> dict[str, str]:
    return dict(_catalogue())


def handlungsfeld_title(code: str) -> str:
    """Title of a code; for an unknown sub-code the title of its nearest known parent."""
    titles = handlungsfeld_titles()
    probe = code
    while probe:
        if probe in titles:
            return titles[probe]
        probe = probe.rpartition(".")[0]
    return ""


def handlungsfeld_label(code: str) -> str:
    """``"2.3 Sauberkeit"`` (just the code when it is unknown)."""
    title = handlungsfeld_titles().get(code, "")
    return f"{code} {title}" if title else code


def validate_codes(value: "str | Iterable[str] | None", *, file: Optional[str] = None,
                   row: Optional[int] = None, column: str = "Handlungsfeld") -> list[str]:
    """Parsed codes, each checked against the Masterplan list; German UserError otherwise."""
    codes = parse_codes(value)
    known = handlungsfeld_titles()
    unknown = [c for c in codes if c not in known]
    if unknown:
        quoted = Message.join(", ", [Message(QT_TRANSLATE_NOOP("Recommendations", "„{code}“"), code=c)
                                     for c in unknown])
        raise UserError(Message.plural(
            len(unknown),
            QT_TRANSLATE_NOOP("Recommendations", "{listed} ist kein Handlungsfeld des Masterplans Kommunale "
                                                 "Sicherheit 2.0."),
            QT_TRANSLATE_NOOP("Recommendations", "{listed} sind keine Handlungsfelder des Masterplans Kommunale "
                                                 "Sicherheit 2.0."), listed=quoted),
            file=file, row=row, column=column,
            hint=Message(QT_TRANSLATE_NOOP("Recommendations", "Gültig sind Nummern wie „2.3“ (Sauberkeit) oder "
                                                              "„1.2.3“; die Liste steht in der Auswahl "
                                                              "„Handlungsfeld“.")))
    return codes


def _taxonomy_codes(cluster: Cluster, taxonomy: Optional[Sequence[object]]) -> list[str]:
    if taxonomy is None:
        taxonomy = _lab_taxonomy(cluster)
    for item in taxonomy or ():
        if getattr(item, "key", None) == cluster.key:
            return parse_codes(list(getattr(item, "handlungsfeld_codes", ()) or ()))
    return []


def _lab_taxonomy(cluster: Cluster) -> Sequence[object]:
    """The lab's taxonomy (own copy, else city default, else built-in) as the board uses it."""
    from sqlalchemy.orm import object_session
    session = object_session(cluster)
    lab = cluster.lab
    if session is not None and lab is not None:
        try:
            from ..board.taxonomy_store import load_taxonomy
            return load_taxonomy(session, lab)
        except (ImportError, UserError):   # unreadable taxonomy JSON: fall back to the built-in one
            pass
    try:
        from ..clustering import default_taxonomy
    except ImportError:  # pragma: no cover - clustering engine always installed
        return ()
    return default_taxonomy()


def propose_codes(cluster: Optional[Cluster], taxonomy: Optional[Sequence[object]] = None) -> list[str]:
    """Handlungsfeld proposal for a recommendation on ``cluster``.

    The cluster's own codes first; else the codes the taxonomy maps its key to. Only
    codes that exist in the Masterplan list are proposed.
    """
    if cluster is None:
        return []
    codes = parse_codes(cluster.handlungsfeld_codes)
    if not codes:
        codes = _taxonomy_codes(cluster, taxonomy)
    known = handlungsfeld_titles()
    return [c for c in codes if c in known]
