"""Fixtures for the anchors tests: an anchor of the shared `organisation`, whose editor is `member_user`."""

import pytest

from .factories import AnchorFactory


@pytest.fixture
def anchor(organisation):
    return AnchorFactory(organisation=organisation)
