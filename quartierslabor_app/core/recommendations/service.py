"""Creating, changing and deleting Handlungsempfehlungen (Qt-free service functions).

Every function works in the caller's session and flushes; the caller wraps each call in
its own ``with db.session() as s:`` so that every change is one committed transaction
(saved immediately). :func:`snapshot` and :func:`restore` support undo/redo in the GUI.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Optional, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from ..storage.models import Card, Cluster, Lab, Recommendation
from .choices import (DEFAULT_HORIZON, DEFAULT_PRIORITY, DEFAULT_STATUS, FIELD_LABELS, HORIZONS,
                      PRIORITIES, STATUSES)
from .codes import join_codes, propose_codes, validate_codes

EDITABLE_FIELDS = ("title", "text", "handlungsfeld_codes", "actor", "priority", "horizon", "place",
                   "status", "status_note", "linked_card_ids", "cluster_id")
MAX_TITLE = 300
MAX_SHORT = 200


@dataclass
class LinkedCard:
    """A card linked to a recommendation, with its dot votes."""

    id: int
    text: str
    votes: int
    cluster_name: str
    deleted: bool


def parse_card_ids(value: "str | Iterable[int] | None") -> list[int]:
    """``"12;15"`` or ``[12, 15]`` -> ``[12, 15]`` (order kept, no duplicates)."""
    if value is None:
        return []
    parts: Iterable[Any] = value.replace(",", ";").split(";") if isinstance(value, str) else value
    result: list[int] = []
    for part in parts:
        text = str(part).strip()
        if not text:
            continue
        try:
            number = int(text)
        except ValueError:
            raise UserError(Message(QT_TRANSLATE_NOOP("Recommendations", "„{text}“ ist keine Nummer eines "
                                                                         "Anliegens."), text=text),
                            column=FIELD_LABELS["linked_card_ids"]) from None
        if number not in result:
            result.append(number)
    return result


def _choice(field: str, value: Any, allowed: Sequence[str]) -> str:
    text = str(value or "").strip()
    for option in allowed:
        if text.casefold() == option.casefold():
            return option
    options = ", ".join(allowed)
    raise UserError(Message(QT_TRANSLATE_NOOP("Recommendations", "„{text}“ ist kein gültiger Wert."), text=text),
                    column=FIELD_LABELS[field],
                    hint=Message(QT_TRANSLATE_NOOP("Recommendations", "Erlaubt sind: {options}."), options=options))


def _short(field: str, value: Any, limit: int = MAX_SHORT) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > limit:
        raise UserError(Message(QT_TRANSLATE_NOOP("Recommendations", "Der Text ist zu lang ({length} Zeichen, "
                                                                     "höchstens {limit})."),
                                length=len(text), limit=limit),
                        column=FIELD_LABELS[field])
    return text


def _checked_card_ids(session: Session, lab: Lab, value: Any) -> str:
    ids = parse_card_ids(value)
    if ids:
        found = set(session.scalars(select(Card.id).where(Card.lab_id == lab.id, Card.id.in_(ids))))
        missing = [i for i in ids if i not in found]
        if missing:
            listed = ", ".join(str(i) for i in missing)
            raise UserError(Message(QT_TRANSLATE_NOOP("Recommendations", "Anliegen Nr. {listed} gehört nicht zu "
                                                                         "diesem Quartierslabor."), listed=listed),
                            column=FIELD_LABELS["linked_card_ids"])
    return ";".join(str(i) for i in ids)


def _checked_cluster_id(session: Session, lab: Lab, value: Any) -> Optional[int]:
    if value in (None, ""):
        return None
    cluster_id = value.id if isinstance(value, Cluster) else int(value)
    cluster = session.get(Cluster, cluster_id)
    if cluster is None or cluster.lab_id != lab.id:
        raise UserError(Message(QT_TRANSLATE_NOOP("Recommendations", "Das gewählte Thema gehört nicht zu diesem "
                                                                     "Quartierslabor.")),
                        column=FIELD_LABELS["cluster_id"])
    return cluster_id


def _normalise(session: Session, lab: Lab, field: str, value: Any) -> Any:
    if field == "title":
        title = _short(field, value, MAX_TITLE)
        if not title:
            raise UserError(Message(QT_TRANSLATE_NOOP("Recommendations", "Der Titel der Empfehlung fehlt.")),
                            column=FIELD_LABELS[field],
                            hint=Message(QT_TRANSLATE_NOOP("Recommendations", "Geben Sie einen kurzen Titel ein, z. B. "
                                                                              "„Mehr Abfallbehälter am Nordmarkt“.")))
        return title
    if field in ("text", "status_note"):
        return str(value or "").strip()
    if field in ("actor", "place"):
        return _short(field, value)
    if field == "priority":
        return _choice(field, value, PRIORITIES)
    if field == "horizon":
        return _choice(field, value, HORIZONS)
    if field == "status":
        return _choice(field, value, STATUSES)
    if field == "handlungsfeld_codes":
        return join_codes(validate_codes(value))
    if field == "linked_card_ids":
        return _checked_card_ids(session, lab, value)
    if field == "cluster_id":
        return _checked_cluster_id(session, lab, value)
    raise UserError(f"Das Feld „{field}“ kann nicht geändert werden.")


def cluster_card_ids(session: Session, cluster: "Cluster | None") -> list[int]:
    """The cards of a cluster (not deleted), most dots first: what a recommendation made from the
    cluster links by default."""
    if cluster is None:
        return []
    return list(session.scalars(select(Card.id).where(Card.cluster_id == cluster.id, Card.deleted.is_(False))
                                .order_by(Card.votes.desc(), Card.id)))


def create_recommendation(session: Session, lab: Lab, title: str, *, text: str = "",
                          handlungsfeld_codes: "str | Iterable[str] | None" = None,
                          actor: str = "", priority: str = DEFAULT_PRIORITY,
                          horizon: str = DEFAULT_HORIZON, place: str = "",
                          status: str = DEFAULT_STATUS, status_note: str = "",
                          linked_card_ids: "str | Iterable[int] | None" = None,
                          cluster: "Cluster | int | None" = None) -> Recommendation:
    """Create a recommendation; without codes they are proposed from ``cluster``, without linked
    cards it links the cluster's cards (``linked_card_ids=[]`` links none)."""
    cluster_id = _checked_cluster_id(session, lab, cluster)
    cluster_obj = session.get(Cluster, cluster_id) if cluster_id is not None else None
    if handlungsfeld_codes is None:
        handlungsfeld_codes = propose_codes(cluster_obj)
    if linked_card_ids is None:
        linked_card_ids = cluster_card_ids(session, cluster_obj)
    values = {
        "title": title, "text": text, "handlungsfeld_codes": handlungsfeld_codes, "actor": actor,
        "priority": priority, "horizon": horizon, "place": place, "status": status,
        "status_note": status_note, "linked_card_ids": linked_card_ids,
    }
    clean = {field: _normalise(session, lab, field, value) for field, value in values.items()}
    rec = Recommendation(lab_id=lab.id, cluster_id=cluster_id, **clean)
    session.add(rec)
    session.flush()
    return rec


def update_recommendation(session: Session, rec: Recommendation, **changes: Any) -> Recommendation:
    """Change some fields (validated like on create); unknown fields are refused."""
    unknown = [f for f in changes if f not in EDITABLE_FIELDS]
    if unknown:
        raise UserError(f"Unbekanntes Feld „{unknown[0]}“ einer Empfehlung.")
    lab = rec.lab or session.get(Lab, rec.lab_id)
    clean = {field: _normalise(session, lab, field, value) for field, value in changes.items()}
    for field, value in clean.items():
        setattr(rec, field, value)
    session.flush()
    return rec


def set_status(session: Session, rec: Recommendation, status: str, note: Optional[str] = None
               ) -> Recommendation:
    """Follow-up: set status (offen/in Arbeit/umgesetzt/verworfen) and optionally the note."""
    changes: dict[str, Any] = {"status": status}
    if note is not None:
        changes["status_note"] = note
    return update_recommendation(session, rec, **changes)


def delete_recommendation(session: Session, rec: Recommendation) -> dict[str, Any]:
    """Delete; returns a :func:`snapshot` so that the deletion can be undone with :func:`restore`."""
    data = snapshot(rec)
    session.delete(rec)
    session.flush()
    return data


def get_recommendation(session: Session, rec_id: int) -> Recommendation:
    rec = session.get(Recommendation, rec_id)
    if rec is None:
        raise UserError(Message(QT_TRANSLATE_NOOP("Recommendations", "Die Empfehlung Nr. {rec_id} gibt es nicht "
                                                                     "(mehr)."), rec_id=rec_id))
    return rec


def list_recommendations(session: Session, lab: Lab, *, status: Optional[str] = None
                         ) -> list[Recommendation]:
    stmt = select(Recommendation).where(Recommendation.lab_id == lab.id).order_by(Recommendation.id)
    if status:
        stmt = stmt.where(Recommendation.status == _choice("status", status, STATUSES))
    return list(session.scalars(stmt))


def snapshot(rec: Recommendation) -> dict[str, Any]:
    """All stored values of a recommendation as a plain dict (for undo/redo)."""
    data = {field: getattr(rec, field) for field in EDITABLE_FIELDS}
    data.update(id=rec.id, lab_id=rec.lab_id)
    return data


def restore(session: Session, data: dict[str, Any]) -> Recommendation:
    """Re-create a deleted recommendation (same id if free) or reset one to a snapshot."""
    rec = session.get(Recommendation, data.get("id")) if data.get("id") is not None else None
    values = {f: data[f] for f in EDITABLE_FIELDS if f in data}
    if rec is not None:
        for field, value in values.items():
            setattr(rec, field, value)
    else:
        lab = session.get(Lab, data["lab_id"])
        if lab is None:
            raise UserError(Message(QT_TRANSLATE_NOOP("Recommendations", "Das Quartierslabor dieser Empfehlung gibt "
                                                                         "es nicht mehr.")))
        if values.get("cluster_id") is not None and session.get(Cluster, values["cluster_id"]) is None:
            values["cluster_id"] = None
        rec = Recommendation(id=data.get("id"), lab_id=lab.id, **values)
        session.add(rec)
    session.flush()
    return rec


def linked_cards(session: Session, rec: Recommendation) -> list[LinkedCard]:
    """The linked cards in stored order, with their dot votes (missing cards skipped)."""
    ids = parse_card_ids(rec.linked_card_ids)
    if not ids:
        return []
    cards = {c.id: c for c in session.scalars(select(Card).where(Card.id.in_(ids)))}
    result = []
    for card_id in ids:
        card = cards.get(card_id)
        if card is None:
            continue
        result.append(LinkedCard(id=card.id, text=card.text, votes=card.votes or 0,
                                 cluster_name=card.cluster.name if card.cluster else "",
                                 deleted=bool(card.deleted)))
    return result


def linked_votes(session: Session, rec: Recommendation) -> int:
    """Sum of the dot votes of the (not deleted) linked cards."""
    return sum(c.votes for c in linked_cards(session, rec) if not c.deleted)


def link_cards(session: Session, rec: Recommendation, card_ids: Iterable[int]) -> Recommendation:
    """Add cards to the links (keeps the existing ones)."""
    ids = parse_card_ids(rec.linked_card_ids) + [i for i in parse_card_ids(list(card_ids))]
    return update_recommendation(session, rec, linked_card_ids=ids)


def unlink_cards(session: Session, rec: Recommendation, card_ids: Iterable[int]) -> Recommendation:
    drop = set(parse_card_ids(list(card_ids)))
    ids = [i for i in parse_card_ids(rec.linked_card_ids) if i not in drop]
    return update_recommendation(session, rec, linked_card_ids=ids)
