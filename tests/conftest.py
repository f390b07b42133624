"""Fixtures shared by the whole suite. Shared data is read from ../shared, never copied."""
from __future__ import annotations

import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> pathlib.Path:
    """../shared beside the repository; tests that need it skip, saying so, where it is absent."""
    if not (SHARED / "seed" / "anora-ending.txt").is_file():
        pytest.skip(f"shared data not found at {SHARED}: tests on the seed and PolNeAR skipped")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline, loaded once for the session."""
    from onrecord.nlp import load

    return load()


@pytest.fixture(scope="session")
def extractor(nlp):
    from onrecord.pipeline import Extractor

    return Extractor(nlp=nlp)
