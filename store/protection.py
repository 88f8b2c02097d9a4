"""The changes that protect the people behind the data (issue 14): the team's keys and the encrypted-exports
rule, acknowledging problems the history shows, and forgetting staff contacts."""

from __future__ import annotations

from datetime import datetime

from .changes import forgetting, history_check, settings
from .models import BoardSettings, Event, Organization, utc_now
from .reading import BoardReading


class ProtectionChanges(BoardReading):
    """Part of ``Repository``: each method runs one transaction."""

    def set_team_key(self, name: str, public_key: str) -> BoardSettings:
        """Store ``name``'s age public key for ``export --to-team``. Coordinators only."""
        with self._transaction() as tx:
            return settings.set_team_key(tx, name, public_key)

    def remove_team_key(self, name: str) -> BoardSettings:
        with self._transaction() as tx:
            return settings.remove_team_key(tx, name)

    def require_encrypted_exports(self, required: bool) -> BoardSettings:
        """Whether every full and partner export must be encrypted. Coordinators only."""
        with self._transaction() as tx:
            return settings.require_encrypted_exports(tx, required)

    def set_contact_retention(self, days: int | None) -> BoardSettings:
        """Keep staff contacts at most ``days`` after an organization left; None: no limit. Coordinators only."""
        with self._transaction() as tx:
            return settings.set_contact_retention(tx, days)

    def acknowledge_history_problems(self) -> Event | None:
        """Record that a coordinator saw the problems ``history_check`` finds; None when there are none to see."""
        with self._transaction() as tx:
            return history_check.acknowledge(tx)

    def forget_contacts(self, org_id: str) -> Event | None:
        """Remove an organization's staff contacts and every copy of them, history included; None when it holds
        none. Coordinators only."""
        with self._transaction() as tx:
            return forgetting.forget_contacts(tx, org_id)

    def forget_expired_contacts(self, now: datetime | None = None) -> list[Organization]:
        """Forget, in one change, the contacts of every organization ``expired_contacts`` lists. Coordinators only."""
        with self._transaction() as tx:
            return forgetting.forget_expired(tx, now or utc_now())
