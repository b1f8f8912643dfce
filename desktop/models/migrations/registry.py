"""The one ordered list of migrations (sqlite-utils `Migrations`); release modules register into it."""

from __future__ import annotations

from sqlite_utils import Migrations

migrations = Migrations("loket")
