"""A projector process for the crash test: folds slowly so it can be killed mid-batch.

Run as ``python -m tests.integration.projector_child DB_PATH``; prints ``ready``
when it starts folding.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from application.tracker import Tracker
from projections.fold import Fold
from projections.service import Projections
from storage.store import Store


def main(path: str) -> None:
    original = Fold.apply

    def slow(self: Fold, position: int, event: object) -> None:
        time.sleep(0.003)
        original(self, position, event)

    Fold.apply = slow  # type: ignore[method-assign]
    tracker = Tracker(Store.sqlite(Path(path)))
    projections = Projections(tracker, batch_size=50)
    print("ready", flush=True)
    projections.catch_up()
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
