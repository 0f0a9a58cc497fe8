"""Qt views of the live workshop board (issue 3)."""
from .pyside_emit_fix import install as _install_emit_fix

_install_emit_fix()
