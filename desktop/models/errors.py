"""Errors that carry a message a clerk can read (Bahasa Indonesia)."""

from __future__ import annotations


class LoketError(Exception):
    """Base class: `str(err)` is a complete Indonesian sentence fit for a message box."""


class DatabaseError(LoketError):
    """The database cannot be opened or used (locked, unreadable, too new, full disk)."""


class CatalogError(LoketError):
    """A catalogue file is broken; the message names the file and the entry."""


class ValidationError(LoketError):
    """Input from the user is not acceptable; nothing was changed."""


class AuthError(LoketError):
    """Wrong PIN, locked or disabled account."""


class PermissionDenied(LoketError):
    """The user's roles do not allow this action."""
