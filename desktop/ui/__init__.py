"""Qt widgets only. Screens get services in their constructor and never open the database."""
