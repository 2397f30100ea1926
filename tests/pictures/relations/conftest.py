"""The shipped project's actors, loaded once for the relations tests."""

from __future__ import annotations

import pytest

from sitrep import model
from sitrep.load import load_project

from ...conftest import ROOT


@pytest.fixture(scope="module")
def shipped() -> dict[str, model.Actor]:
    return dict(load_project(ROOT).project.actors)
