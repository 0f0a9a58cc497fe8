"""Lab list, lab header, lab dialogs and actions, and the first-start demo."""
