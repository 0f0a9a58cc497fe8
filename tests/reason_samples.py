"""A reason of each kind with neutral field values, for the tests of its German and English text."""
from __future__ import annotations

from quartierslabor_app.core.clustering.discovery import _combine_note
from quartierslabor_app.core.clustering.model import Reason


def sample(kind: str, **changes) -> Reason:
    """A reason of ``kind`` with every field set (topic names, cue words and the card stay as typed)."""
    fields = dict(words=("wort1", "wort2"), example="probe karte", learned=3, alternative="Beta", source="Gamma")
    if kind == "new_cluster":
        fields["note"] = _combine_note(["Delta", "Epsilon"], ["wort3"])
    fields.update(changes)
    return Reason(kind, "Alpha", **fields)
