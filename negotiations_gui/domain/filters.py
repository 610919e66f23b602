"""`EventFilter`: which events the timeline and the event list show."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventFilter:
    """Empty fields do not filter; non-empty ones must all match (see `CaseStore.events`)."""

    party_ids: frozenset[str] = frozenset()
    issue_ids: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.party_ids or self.issue_ids or self.kinds or self.tags
                    or self.text.strip())

    def as_query(self) -> dict:
        """Keyword arguments for `CaseStore.events` / `count_events`."""
        return {"party_ids": sorted(self.party_ids), "issue_ids": sorted(self.issue_ids),
                "kinds": sorted(self.kinds), "tags": sorted(self.tags), "text": self.text}
