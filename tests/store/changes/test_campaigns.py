"""Creating and changing campaigns."""

from __future__ import annotations

import pytest

from store import ValidationFailed


def test_duplicate_campaign_names_are_refused(repo):
    with pytest.raises(ValidationFailed, match="already exists"):
        repo.create_campaign("chiapas 2026")
