"""Tidtam's domain: the action plan, its activities and the rules they keep.

This package is the leaf of the dependency graph: it imports nothing from
`projections`, `api` or `scheduler`, so the rules can be read, tested and reused
without a web server, a scheduler or a particular database.
"""
