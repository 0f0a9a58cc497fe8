"""Handlungsempfehlungen (recommendations for the Lenkungskreis): Qt-free services.

Use::

    from quartierslabor_app.core import recommendations as rx
    with db.session() as s:
        rec = rx.create_recommendation(s, lab, "Mehr Mülleimer", cluster=cluster, actor="EDG (Entsorgung Dortmund)")
"""
from .actors import ACTORS_SETTING_KEY, add_actor, list_actors, remove_actor, reset_actors, save_actors
from .choices import (DEFAULT_ACTORS, DEFAULT_HORIZON, DEFAULT_PRIORITY, DEFAULT_STATUS, FIELD_LABELS,
                      HORIZONS, PRIORITIES, STATUSES)
from .codes import (code_sort_key, handlungsfeld_label, handlungsfeld_title, handlungsfeld_titles,
                    handlungsfelder, join_codes, parse_codes, propose_codes, validate_codes)
from .service import (EDITABLE_FIELDS, LinkedCard, create_recommendation, delete_recommendation,
                      get_recommendation, link_cards, linked_cards, linked_votes, list_recommendations,
                      parse_card_ids, restore, set_status, snapshot, unlink_cards, update_recommendation)

__all__ = [
    "ACTORS_SETTING_KEY", "add_actor", "list_actors", "remove_actor", "reset_actors", "save_actors",
    "DEFAULT_ACTORS", "DEFAULT_HORIZON", "DEFAULT_PRIORITY", "DEFAULT_STATUS", "FIELD_LABELS",
    "HORIZONS", "PRIORITIES", "STATUSES",
    "code_sort_key", "handlungsfeld_label", "handlungsfeld_title", "handlungsfeld_titles", "handlungsfelder",
    "join_codes", "parse_codes", "propose_codes", "validate_codes",
    "EDITABLE_FIELDS", "LinkedCard", "create_recommendation", "delete_recommendation", "get_recommendation",
    "link_cards", "linked_cards", "linked_votes", "list_recommendations", "parse_card_ids", "restore",
    "set_status", "snapshot", "unlink_cards", "update_recommendation",
]
