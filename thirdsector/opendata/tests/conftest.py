"""Fixtures for the open data tests: a published grant of every kind the platform makes (see grants.py)."""

import pytest

from .grants import Grants, build_department, build_grants


@pytest.fixture
def department(db):
    return build_department()


@pytest.fixture
def grants(department) -> Grants:
    return build_grants(department)
