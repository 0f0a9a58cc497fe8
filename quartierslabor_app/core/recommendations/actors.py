"""The editable list of responsible actors, stored in the Setting ``actors`` (JSON list)."""
from __future__ import annotations

import json
from typing import Iterable

from sqlalchemy.orm import Session

from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message
from ..storage.models import Setting
from .choices import DEFAULT_ACTORS

ACTORS_SETTING_KEY = "actors"
MAX_ACTOR_LENGTH = 200


def list_actors(session: Session) -> list[str]:
    """The actor list of this database (the defaults until someone edits it)."""
    setting = session.get(Setting, ACTORS_SETTING_KEY)
    if setting is None or not setting.value.strip():
        return list(DEFAULT_ACTORS)
    try:
        values = json.loads(setting.value)
    except ValueError:
        return list(DEFAULT_ACTORS)
    if not isinstance(values, list):
        return list(DEFAULT_ACTORS)
    return [str(v) for v in values if str(v).strip()]


def _clean(actors: Iterable[str]) -> list[str]:
    result: list[str] = []
    seen: set[str] = set()
    for raw in actors:
        name = " ".join(str(raw or "").split())
        if not name:
            continue
        if len(name) > MAX_ACTOR_LENGTH:
            raise UserError(Message(QT_TRANSLATE_NOOP("Recommendations", "Der Name „{name}…“ ist zu lang (höchstens "
                                                                         "{limit} Zeichen)."),
                                    name=name[:40], limit=MAX_ACTOR_LENGTH),
                            column="Zuständig")
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        result.append(name)
    return result


def save_actors(session: Session, actors: Iterable[str]) -> list[str]:
    """Replace the actor list (trimmed, duplicates removed); returns the stored list."""
    cleaned = _clean(actors)
    if not cleaned:
        raise UserError(Message(QT_TRANSLATE_NOOP("Recommendations", "Die Liste der Zuständigen darf nicht leer "
                                                                     "sein.")),
                        hint=Message(QT_TRANSLATE_NOOP("Recommendations", "Tragen Sie mindestens eine Stelle ein, "
                                                                          "z. B. „Ordnungsamt“.")))
    setting = session.get(Setting, ACTORS_SETTING_KEY)
    value = json.dumps(cleaned, ensure_ascii=False)
    if setting is None:
        session.add(Setting(key=ACTORS_SETTING_KEY, value=value))
    else:
        setting.value = value
    session.flush()
    return cleaned


def add_actor(session: Session, name: str) -> list[str]:
    """Append one actor (no-op if it is already listed); returns the new list."""
    if not " ".join(str(name or "").split()):
        raise UserError(Message(QT_TRANSLATE_NOOP("Recommendations", "Der Name der zuständigen Stelle ist leer.")))
    return save_actors(session, [*list_actors(session), name])


def remove_actor(session: Session, name: str) -> list[str]:
    """Remove one actor from the list (existing recommendations keep their text)."""
    remaining = [a for a in list_actors(session) if a.casefold() != str(name).strip().casefold()]
    return save_actors(session, remaining)


def reset_actors(session: Session) -> list[str]:
    return save_actors(session, DEFAULT_ACTORS)
