"""A field for the reply code on the letter: type the code, then the reply's key (Z or A …) – two keystrokes
after the code, no mouse."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from ...core.draw.reply_codes import looks_like_reply_code
from ..i18n import translate


class ReplyCodeField(QLineEdit):
    """Emits ``reply_entered(code, reply)`` when a reply key is pressed after a complete code.

    ``keys``: stored reply -> its key in the UI language (the same keys as in the table). Reply keys are
    letters that also occur in codes, so a key counts as a reply only once the six code characters are in.
    """

    reply_entered = Signal(str, str)

    def __init__(self, keys: dict[str, str], parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._replies = {key.upper(): reply for reply, key in keys.items()}
        self.setPlaceholderText(translate("ReplyCodeField", "Antwortcode, dann {keys}").format(
            keys=" / ".join(keys[r] for r in keys if r != "offen")))
        self.setToolTip(translate("ReplyCodeField", "Antwortcode vom Brief eingeben (z. B. K7M-2QX), dann die Taste "
                                                    "der Rückmeldung drücken: {keys}").format(
            keys=", ".join(f"{key} = {reply}" for reply, key in keys.items())))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("WWW-WWW") + 40)

    def sizeHint(self) -> QSize:   # room for the hint when there is room; shrinks down to a code's width
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.fontMetrics().horizontalAdvance(self.placeholderText()) + 40),
                     hint.height())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        reply = self._replies.get(event.text().upper()) if event.text() else None
        if reply is not None and looks_like_reply_code(self.text()) \
                and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
            self.reply_entered.emit(self.text(), reply)
            event.accept()
            return
        super().keyPressEvent(event)
