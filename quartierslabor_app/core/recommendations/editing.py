"""Writes of the recommendations view, each in its own transaction.

Thin adapter over :mod:`quartierslabor_app.core.recommendations.service` (which validates
and raises German :class:`UserError`); it opens the session and returns a fresh
:class:`RecommendationRow` snapshot for the Qt models.
"""
from __future__ import annotations

from typing import Optional

from ..labs import get_lab
from . import service
from .actors import add_actor, list_actors
from .codes import propose_codes
from ..storage.database import Database
from ..storage.models import Cluster, Recommendation
from .rows import EDITABLE_FIELDS, RecommendationRow, row_from_model


def create(database: Database, lab_id: int, values: dict, *, preferred_id: Optional[int] = None
           ) -> RecommendationRow:
    """Create a recommendation.

    With ``preferred_id`` (undo of a delete, redo of a create) the stored values are put
    back as they were, under the old id if it is still free.
    """
    clean = {k: v for k, v in values.items() if k in EDITABLE_FIELDS}
    with database.session() as s:
        if preferred_id is not None:
            free = s.get(Recommendation, preferred_id) is None
            rec = service.restore(s, {**clean, "id": preferred_id if free else None, "lab_id": lab_id})
        else:
            lab = get_lab(s, lab_id)
            cluster_id = clean.pop("cluster_id", None)
            title = clean.pop("title", "")
            rec = service.create_recommendation(s, lab, title, cluster=cluster_id, **clean)
        return row_from_model(rec)


def update(database: Database, rec_id: int, field: str, value) -> Optional[RecommendationRow]:
    with database.session() as s:
        rec = s.get(Recommendation, rec_id)
        if rec is None:
            return None
        service.update_recommendation(s, rec, **{field: value})
        return row_from_model(rec)


def delete(database: Database, rec_id: int) -> Optional[RecommendationRow]:
    with database.session() as s:
        rec = s.get(Recommendation, rec_id)
        if rec is None:
            return None
        data = service.delete_recommendation(s, rec)
    return RecommendationRow(id=data["id"], **{k: data[k] for k in EDITABLE_FIELDS})


def new_values_for_cluster(database: Database, cluster_id: Optional[int], default_title: str) -> dict:
    """Start values of a new recommendation: title from the cluster, proposed Handlungsfelder, the
    cluster's cards linked (the form's checklist can change that)."""
    with database.session() as s:
        cluster = s.get(Cluster, cluster_id) if cluster_id is not None else None
        if cluster is None:
            return {"title": default_title, "cluster_id": None, "handlungsfeld_codes": ""}
        return {"title": cluster.name, "cluster_id": cluster.id,
                "handlungsfeld_codes": ";".join(propose_codes(cluster)),
                "linked_card_ids": ";".join(str(i) for i in service.cluster_card_ids(s, cluster))}


def actors(database: Database) -> list[str]:
    with database.session() as s:
        return list_actors(s)


def remember_actor(database: Database, name: str) -> list[str]:
    with database.session() as s:
        return add_actor(s, name)
