"""The timeline tests' drawing: the shipped events and briefing, a timeline of given events."""

from __future__ import annotations

from typing import Any

from sitrep import model, pictures
from sitrep.load import load_project

from ...conftest import ROOT
from ..helpers import links


def shipped() -> tuple[list[model.Event], model.Briefing]:
    project = load_project(ROOT).project
    return list(project.events.values()), project.briefings["us-iran-iraq-2020-04-30"]


def draw(events: list[model.Event], width: float = 720.0, **extra: Any) -> str:
    return pictures.timeline_svg(events, href=links, id_prefix="t", width=width, **extra)
