"""Keys that sign letters and batches, and the integrity checks of the database."""
