"""The right side of the main window: the lab lifecycle steps (bar, status, views) of the selected lab."""
