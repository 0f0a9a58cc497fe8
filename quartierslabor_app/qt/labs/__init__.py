"""Lab list, lab header, step bar, lab dialogs and the first-start demo."""
