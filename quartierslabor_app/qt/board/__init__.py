"""Qt views of the live workshop board (issue 3)."""
