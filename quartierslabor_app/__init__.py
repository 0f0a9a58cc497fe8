"""Quartierslabor: draw, workshop board and reports for municipal neighbourhood labs."""

__version__ = "0.1.0"
APP_NAME = "Quartierslabor"
