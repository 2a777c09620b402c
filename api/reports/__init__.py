"""The reports a municipality files, drawn from the projections' report models.

Each report is one model (:mod:`projections.plan_summary`, …) drawn three ways that
must agree: the page, a self-contained HTML document (what the API and the CLI hand
over, printable on A4) and an XLSX workbook. Nothing here computes a figure.
"""
