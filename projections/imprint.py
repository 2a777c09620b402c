"""What every report says about itself: whose plan, which day, as known when, and the
log's chain head at that instant, so a printed copy can be held to the log later."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from projections.chain import link_at
from projections.editions import edition_banner
from projections.queries import PlanReader, PlanSnapshot


@dataclass(frozen=True, slots=True)
class Imprint:
    organisation: str
    fiscal_year: int
    """BE."""
    on: date
    """The business date the figures are taken on (the cut-off)."""
    known_at: datetime
    """The instant the report reads the log as of (now, for a report of today)."""
    edition: str
    """``""`` as the plan stands; else which edition (as adopted, as of revision N)."""
    chain_position: int
    """The tracker log's position the chain link stands at; -1 when it cannot be said."""
    chain_link: str


def imprint(
    reader: PlanReader, snapshot: PlanSnapshot, on: date, as_of: datetime | None
) -> Imprint:
    """The imprint of a report of ``snapshot`` on ``on``, read as of ``as_of`` (or now)."""
    known_at = as_of or reader.tracker.clock.now()
    chain_position, link = -1, ""  # unknown: the views cannot yet say what was known then
    position = reader.last_position_by(known_at) if as_of else None
    if as_of is None or position is not None:
        chain_position, link = link_at(reader.db, "tracker", position)
    return Imprint(
        organisation=snapshot.plan.organisation,
        fiscal_year=snapshot.plan.fiscal_year,
        on=on,
        known_at=known_at,
        edition=edition_banner(snapshot) if snapshot.edition is not None else "",
        chain_position=chain_position,
        chain_link=link,
    )
