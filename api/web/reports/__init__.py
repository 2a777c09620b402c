"""The reports a municipality files, drawn from the projections' report models.

Each report is one model (:mod:`projections.plan_summary`, …) drawn three ways that
must agree: the page, a self-contained HTML document (what the API and the CLI hand
over, printable on A4, and the PDF made from it) and an XLSX workbook. They live with
the pages because they draw with the pages' templates and words; the API's report
routes (:mod:`api.reports`) and the CLI use them. Nothing here computes a figure.
"""
