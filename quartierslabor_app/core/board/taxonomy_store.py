"""Reading and writing a lab's concern taxonomy (Lab.taxonomy_json, city default, built-in)."""
from __future__ import annotations

from typing import Optional

from sqlalchemy.orm import Session

from ..clustering.model import ClusterDef
from ..storage.models import Lab, Setting

#: Setting key of the city's own default taxonomy (JSON, same format as Lab.taxonomy_json)
CITY_TAXONOMY_SETTING = "clustering.city_taxonomy"


def _clustering():
    from .. import clustering  # imported lazily: the engine is built by another module
    return clustering


def city_default_taxonomy(session: Session) -> Optional[list[ClusterDef]]:
    setting = session.get(Setting, CITY_TAXONOMY_SETTING)
    if setting is None or not (setting.value or "").strip():
        return None
    return list(_clustering().taxonomy_from_json(setting.value))


def set_city_default_taxonomy(session: Session, taxonomy: Optional[list[ClusterDef]]) -> None:
    """Save (or with ``None`` remove) the city's default taxonomy."""
    row = session.get(Setting, CITY_TAXONOMY_SETTING)
    if taxonomy is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Setting(key=CITY_TAXONOMY_SETTING, value=_clustering().taxonomy_to_json(taxonomy)))
    else:
        row.value = _clustering().taxonomy_to_json(taxonomy)


def load_taxonomy(session: Session, lab: Lab) -> list[ClusterDef]:
    """The lab's taxonomy: its own copy, else the city default, else the built-in one."""
    if (lab.taxonomy_json or "").strip():
        return list(_clustering().taxonomy_from_json(lab.taxonomy_json))
    city = city_default_taxonomy(session)
    if city:
        return city
    return list(_clustering().default_taxonomy())


def save_taxonomy(lab: Lab, taxonomy: list[ClusterDef]) -> str:
    """Store the lab's own copy; returns the JSON written."""
    text = _clustering().taxonomy_to_json(list(taxonomy))
    lab.taxonomy_json = text
    return text


#: Setting key: "1" when the facilitator's corrections also teach the city's default
LEARN_FOR_CITY_SETTING = "clustering.learn_for_city"


def save_city_default(session: Session, lab: Lab) -> int:
    """Make this lab's taxonomy the city's default for new labs; returns the number of clusters."""
    taxonomy = load_taxonomy(session, lab)
    setting = session.get(Setting, CITY_TAXONOMY_SETTING)
    if setting is None:
        setting = Setting(key=CITY_TAXONOMY_SETTING)
        session.add(setting)
    setting.value = _clustering().taxonomy_to_json(taxonomy)
    return len(taxonomy)


def learn_for_city(session: Session) -> bool:
    setting = session.get(Setting, LEARN_FOR_CITY_SETTING)
    return setting is not None and setting.value == "1"


def set_learn_for_city(session: Session, on: bool) -> None:
    setting = session.get(Setting, LEARN_FOR_CITY_SETTING)
    if setting is None:
        setting = Setting(key=LEARN_FOR_CITY_SETTING)
        session.add(setting)
    setting.value = "1" if on else "0"
