"""Setting up an office (first run) and its encrypted backups."""
