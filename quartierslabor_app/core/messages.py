"""Translatable German texts of the Qt-free core.

The core speaks German: ``str()`` of everything here is the German text the CLI prints,
the logs record and the tests assert. The GUI can show the same texts in the UI language:
a :class:`Message` keeps its German *template*, the Qt Linguist *context* and the named
*arguments*, and ``quartierslabor_app.qt.i18n.localized`` translates the template with
``QCoreApplication.translate(context, template)`` before it fills in the arguments.

Templates are marked with :func:`QT_TRANSLATE_NOOP` so pyside6-lupdate (run by
``installer/translations.py --update``, which also scans ``core/``) collects them::

    Message(QT_TRANSLATE_NOOP("RegisterValidation", "Pflichtfeld „{field}“ ist leer"),
            field=FIELD_LABELS[fld])

Rules: the context and the template are string literals (lupdate reads the code, it does not
run it); the template uses named ``{fields}`` filled with ``str.format`` (never an f-string);
dates are passed already formatted the German way. An argument may itself be a
:class:`Message` (translated too), e.g. a field label.

Numbers: a plain ``int`` argument is shown as it is in every language (row numbers, ids,
small counts: ``Zeile 1234``). A quantity that wants digit grouping is passed as
:class:`Count` (``rows=Count(n)``): ``str()`` groups it the German way (``1.234``, see
:func:`german_count`, the one place for that grouping), the GUI in the UI locale
(``QLocale().toString``: ``1,234`` in English), because ``localized`` passes its number
format to :meth:`Message.format`.
"""
from __future__ import annotations

from typing import Callable, Iterable, Optional, Union

#: ``(context, German template) -> template in the UI language``
Translator = Callable[[str, str], str]
#: ``whole number -> text with the UI language's digit grouping``
NumberFormat = Callable[[int], str]


def german_count(value: int) -> str:
    """A whole number with German digit grouping: ``1234567`` -> ``1.234.567``."""
    return f"{int(value):,}".replace(",", ".")


class Count(int):
    """A whole number shown with digit grouping in a :class:`Message` (German ``1.234``;
    in the GUI the UI locale's grouping). Compares and computes like the ``int``."""

    def __str__(self) -> str:
        return german_count(self)

    def __format__(self, spec: str) -> str:
        return german_count(self) if not spec else int(self).__format__(spec)

    def __repr__(self) -> str:
        return f"Count({int(self)})"


class _Marked(str):
    """A German template that remembers its Qt Linguist context (equal to the plain text)."""

    context: str


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for translation in ``context``; returns ``text`` (a ``str`` equal to it).

    The returned string also remembers ``context``, so ``Message(QT_TRANSLATE_NOOP(...))``
    needs the context only once.
    """
    marked = _Marked(text)
    marked.context = context
    return marked


class Message:
    """A German text template with its translation context and named arguments.

    ``str(message)`` is the German text. ``message.format(translator)`` gives it in the UI
    language (the Qt layer passes ``QCoreApplication.translate``).
    """

    __slots__ = ("template", "context", "args", "_german")

    def __init__(self, template: str, /, **args: object) -> None:
        self.template = str(template)
        #: Qt Linguist context; None for a text that is not translated (formatted only)
        self.context: Optional[str] = getattr(template, "context", None)
        self.args = args
        self._german: Optional[str] = None

    @classmethod
    def plain(cls, text: object) -> "Message":
        """A text shown as it is in every language (a file name, a message from the system)."""
        return cls("{text}", text=text)

    @classmethod
    def plural(cls, n: int, one: str, many: str, /, **args: object) -> "Message":
        """``one`` for ``n == 1``, else ``many``; ``{n}`` in the template is ``n`` unless given.

        Both templates are marked (``QT_TRANSLATE_NOOP``) and translated as they are: German and
        English both use the singular for exactly one, so the GUI translates the chosen template::

            Message.plural(used, QT_TRANSLATE_NOOP("Voting", "{n} Punkt vergeben"),
                           QT_TRANSLATE_NOOP("Voting", "{n} Punkte vergeben"))
        """
        args.setdefault("n", n)
        return cls(one if n == 1 else many, **args)

    @classmethod
    def join(cls, separator: str, parts: Iterable["Message | str"]) -> "Message":
        """The parts one after another with ``separator`` between them (each translated)."""
        parts = list(parts)
        sep = separator.replace("{", "{{").replace("}", "}}")
        return cls(sep.join("{p%d}" % i for i in range(len(parts))),
                   **{f"p{i}": part for i, part in enumerate(parts)})

    def format(self, translator: Optional[Translator] = None, number_format: Optional[NumberFormat] = None) -> str:
        """The text: German without ``translator``, else the translated template, filled in.

        ``number_format`` formats :class:`Count` arguments (default: German grouping).
        """
        if translator is None and number_format is None:
            if self._german is None:
                self._german = self._fill(self.template, None, None)
            return self._german
        template = translator(self.context, self.template) if self.context and translator else self.template
        return self._fill(template or self.template, translator, number_format)

    def _fill(self, template: str, translator: Optional[Translator],
              number_format: Optional[NumberFormat]) -> str:
        if not self.args:
            return template.format()
        values = {key: self._value(value, translator, number_format) for key, value in self.args.items()}
        return template.format(**values)

    @staticmethod
    def _value(value: object, translator: Optional[Translator], number_format: Optional[NumberFormat]) -> object:
        if isinstance(value, Message):
            return value.format(translator, number_format)
        if isinstance(value, Count) and number_format is not None:
            return number_format(int(value))
        return value

    def __str__(self) -> str:
        return self.format()

    def __repr__(self) -> str:
        return f"Message({self.context!r}, {self.template!r}, {self.args!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Message):
            return (self.template, self.context, self.args) == (other.template, other.context, other.args)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.template, self.context))


class MessageText(str):
    """The German text of a :class:`Message` that still carries it as ``message_obj``.

    Used where a plain ``str`` is expected (progress callbacks, the CLI, the logs): it *is*
    the German text, and ``quartierslabor_app.qt.i18n.localized`` finds ``message_obj`` and
    shows it in the UI language.
    """

    message_obj: Message

    def __new__(cls, message: Message) -> "MessageText":
        text = super().__new__(cls, str(message))
        text.message_obj = message
        return text


def german_text(text: Union["Message", str]) -> str:
    """``text`` as a ``str``: a :class:`Message` becomes a :class:`MessageText` (German, translatable)."""
    return MessageText(text) if isinstance(text, Message) else text


def label(text: object) -> object:
    """A marked label (a :func:`QT_TRANSLATE_NOOP` result) as a :class:`Message` argument that is
    translated too; any other value stays as it is (shown unchanged in every language)."""
    return Message(text) if isinstance(text, _Marked) else text


def as_message(text: Union["Message", str, None]) -> Optional[Message]:
    """``text`` as a :class:`Message` (plain strings are shown as they are); None stays None."""
    if text is None or isinstance(text, Message):
        return text
    return Message.plain(text)
