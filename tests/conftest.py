"""Shared fixtures: the shipped processed data, loaded once per test session."""

import pytest

from geo.load import load


@pytest.fixture(scope="session")
def dataset():
    return load()
