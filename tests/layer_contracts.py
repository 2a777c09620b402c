"""A layer contract import-linter lacks, loaded by ``make lint`` (``pyproject.toml``).

import-linter sees an external package only as its top level (``eventsourcing``), so it
cannot say "the domain may use ``eventsourcing.domain`` but not
``eventsourcing.persistence``". This contract reads each direct import's own line and
refuses the named submodules: the domain builds aggregates and events with the
library, and leaves recorders, transcoders and applications to the rooms above it.
"""

from __future__ import annotations

import re
from typing import Any

from importlinter import Contract, ContractCheck, fields, output

_IMPORTED = re.compile(r"^\s*(?:from|import)\s+([\w.]+)")


class ExternalSubmodulesContract(Contract):
    """Raised broken when a source module imports one of the named external submodules."""

    source_modules = fields.ListField(subfield=fields.ModuleField())
    forbidden_submodules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: Any, verbose: bool) -> ContractCheck:
        forbidden: list[str] = list(self.forbidden_submodules)  # type: ignore[call-overload]
        sources: list[Any] = list(self.source_modules)  # type: ignore[call-overload]
        found: list[tuple[str, int, str]] = []
        for source in sources:
            for module in sorted({source.name} | graph.find_descendants(source.name)):
                for imported in sorted(graph.find_modules_directly_imported_by(module)):
                    for detail in graph.get_import_details(importer=module, imported=imported):
                        match = _IMPORTED.match(detail["line_contents"])
                        name = match.group(1) if match else ""
                        if any(name == f or name.startswith(f + ".") for f in forbidden):
                            found.append((module, detail["line_number"], name))
        return ContractCheck(kept=not found, metadata={"found": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for module, line, name in (check.metadata or {})["found"]:
            output.print_error(f"{module} -> {name} (l.{line})")
            output.new_line()
