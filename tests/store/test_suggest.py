"""The "did you mean" guess: the closest existing name, without case or accents; nothing when none is close."""

from __future__ import annotations

import pytest

from store import NotFoundError, resolve_stage
from store.models import Campaign
from store.suggest import closest
from tests.boards import fixed_clock


def test_the_closest_name_is_found_without_case_or_accents():
    assert closest("traned", ["contacted", "trained", "active"]) == "trained"
    assert closest("CAPACITADÁ", ["Contactada", "Capacitada", "Aliada activa"]) == "Capacitada"
    assert closest("zzz", ["contacted", "trained", "active"]) is None


@pytest.mark.parametrize(
    ("typed", "key"), [("traned", "trained"), ("Activ partner", "active"), ("contacte", "contacted")]
)
def test_an_unknown_stage_names_the_stage_it_looks_like(typed, key):
    campaign = Campaign(id="cmp-aaaaaa", name="Chiapas", created_at=fixed_clock(), updated_at=fixed_clock())
    with pytest.raises(NotFoundError, match=rf"its stages are: .*\. Did you mean {key}\?$"):
        resolve_stage(campaign, typed)
