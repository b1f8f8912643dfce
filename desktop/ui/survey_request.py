"""A request to take a survey: from the SKM step of an application, after pickup, or from the queue kiosk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SurveyRequest:
    service_id: str = ""
    service_name: str = ""
    # Set when the decree's SKM step waits for this questionnaire: it is finished in the same transaction.
    app_id: str | None = None
    step_idx: int | None = None
    user: Any = None
    role: Any = None
    paper: bool = False  # the clerk types in a paper questionnaire instead of the kiosk
