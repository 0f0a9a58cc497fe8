"""Layering: the core never imports Qt; the widgets never import the storage models or SQLAlchemy.

Database work of the GUI goes through core services (``core/selection``, ``core/lab_service`` …), so the
CLI and the GUI run the same code. The check reads every module's imports (``import`` and
``from … import``, relative ones resolved, also those inside functions).
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import quartierslabor_app

PACKAGE = Path(quartierslabor_app.__file__).parent


def imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ["quartierslabor_app", *path.relative_to(PACKAGE).parent.parts]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package[:len(package) - node.level + 1]
                module = ".".join(base + ([module] if module else []))
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def violations(area: str, forbidden) -> list[str]:
    out = []
    for path in sorted((PACKAGE / area).rglob("*.py")):
        for line, module in imported_modules(path):
            if forbidden(module):
                out.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
    return sorted(set(out))


def _qt(module: str) -> bool:
    return module.split(".")[0] in ("PySide6", "shiboken6") or module.startswith("quartierslabor_app.qt")


def _storage(module: str) -> bool:
    return module.split(".")[0] == "sqlalchemy" or module.startswith("quartierslabor_app.core.storage.models")


def test_core_does_not_import_qt():
    assert violations("core", _qt) == []


def test_qt_does_not_import_storage_models_or_sqlalchemy():
    assert violations("qt", _storage) == []


def test_the_rule_finds_what_it_forbids(tmp_path, monkeypatch):
    """The checker itself: a relative import of the models and a Qt import inside a function are found."""
    fake = tmp_path / "quartierslabor_app"
    (fake / "qt" / "draw").mkdir(parents=True)
    (fake / "core").mkdir()
    (fake / "qt" / "draw" / "view.py").write_text("from ...core.storage.models import Invitee\n"
                                                  "from sqlalchemy import select\n", encoding="utf-8")
    (fake / "core" / "service.py").write_text("def f():\n    from PySide6.QtCore import QObject\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert violations("qt", _storage) == ["qt/draw/view.py:1 imports quartierslabor_app.core.storage.models",
                                          "qt/draw/view.py:1 imports quartierslabor_app.core.storage.models.Invitee",
                                          "qt/draw/view.py:2 imports sqlalchemy",
                                          "qt/draw/view.py:2 imports sqlalchemy.select"]
    assert violations("core", _qt) == ["core/service.py:2 imports PySide6.QtCore",
                                       "core/service.py:2 imports PySide6.QtCore.QObject"]
