"""Why a card sits in its topic, in the UI language: the one place the side panel, the card tooltip, the
wall's tooltip and the proposals list get the text from (rendered by ``core.card_reasons``)."""
from __future__ import annotations

from typing import Optional

from ...core.card_reasons import card_reason_message
from ..i18n import localized, ui_language


def localized_reason(text: Optional[str], data: Optional[str] = "") -> str:
    """The reason stored as ``text`` (German) and ``data`` (JSON; "" on older cards) in the UI language."""
    return localized(card_reason_message(text, data, ui_language()))
