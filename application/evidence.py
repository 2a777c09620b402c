"""The tracker's part about evidence files, and the one path every activity command takes.

An activity command may bring photos or PDFs (``When["attached"]``, checked by content
in :mod:`domain.evidence` before they get here). The aggregate decides the record
first, then attaches the files to it (:mod:`domain.activity_evidence`); only once both
are decided are the files written to the file store, then the events saved in one
transaction. So a refused record or file leaves neither a file nor an event, and no
event ever names a file that was not written first. A command that loses a race
after its files were written leaves them unnamed by any event: they are evidence of
nothing, and the same photo sent again finds them in place.
A part of :class:`~application.tracker.Tracker`, kept apart for size.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, Unpack
from uuid import UUID

from eventsourcing.domain import Aggregate

from application.outcome import Outcome, When
from domain.activity import Activity
from domain.evidence import EvidenceFile
from domain.recorded import Byline
from storage.file_store import FileStore, files_directory
from storage.store import Store

Decide = Callable[[Activity, Byline], list[Aggregate] | None]


class _Tracker(Protocol):
    store: Store
    files: FileStore | None

    def evidence_store(self) -> FileStore: ...

    def _byline_of(self, when: When) -> Byline: ...

    def _decide(
        self,
        activity_id: UUID,
        expected_version: int | None,
        decide: Callable[[Activity], list[Aggregate] | None],
    ) -> Outcome: ...

    def decide_activity(self, activity_id: UUID, when: When, decide: Decide) -> Outcome: ...


class ActivityEvidence:
    """Evidence on an activity's records (mixed into the tracker)."""

    files: FileStore | None = None
    """Where evidence is kept: the runtime's file store, beside the filed reports."""

    def evidence_store(self: _Tracker) -> FileStore:
        """The file store evidence goes to (made from the store's setting if none was given)."""
        if self.files is None:
            self.files = FileStore(files_directory(self.store))
        return self.files

    def _on(self: _Tracker, activity_id: UUID, when: When, decide: Decide) -> Outcome:
        """An activity command: its byline from ``when``, decided with its evidence and
        saved by ``_decide``."""
        by, files = self._byline_of(when), tuple(when.get("attached", ()))

        def decided(activity: Activity) -> list[Aggregate] | None:
            others = decide(activity, by)
            if files:
                activity.attach_evidence(files, by=by)
                keep(self.evidence_store(), files)
            return others

        return self._decide(activity_id, when.get("expected_version"), decided)

    def remove_evidence(
        self: _Tracker, activity_id: UUID, number: int, *, reason: str | None,
        **when: Unpack[When],
    ) -> Outcome:  # fmt: skip
        """Withdraw attached file ``number`` as evidence, with the reason why (a correction:
        the file stays kept, the event says it no longer counts)."""
        return self.decide_activity(
            activity_id, when, lambda a, by: a.remove_evidence(number, reason=reason, by=by)
        )


def keep(store: FileStore, files: tuple[EvidenceFile, ...]) -> None:
    """Write each file under its digest (a file already kept is left as it is)."""
    for file in files:
        store.put(file.data)
