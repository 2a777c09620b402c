"""``tidtam projector`` folding slowly, so a test can kill it with a batch half-folded.

``python -m tests.e2e.slow_projector``: the real command, with each event's fold into
the plan view made 5 ms longer. The batch's transaction is open meanwhile (the
positions' rows locked, rows written), which ``pg_stat_activity`` shows.
"""

from __future__ import annotations

import time

from api.cli.projector import run_projector
from projections.fold import Fold


def main() -> None:
    original = Fold.apply

    def slow(self: Fold, position: int, event: object) -> None:
        time.sleep(0.005)
        original(self, position, event)

    Fold.apply = slow  # type: ignore[method-assign]
    run_projector()


if __name__ == "__main__":
    main()
