"""The API's report routes (``/api/v1/plans/{id}/reports/…``); the reports themselves
are drawn by :mod:`api.web.reports`."""
