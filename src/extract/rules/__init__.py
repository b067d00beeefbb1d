"""Rule families: pure functions from analysed segments to hits with character spans."""
