"""Domain and storage. No Qt here: everything is testable without a QApplication."""
