"""Settings dialog (language, data folder, default taxonomy, letter template, backups)."""
