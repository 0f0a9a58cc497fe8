"""Qt-free use cases of the selection: the invitation draw, its record and verification, stored letters."""
