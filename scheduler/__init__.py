"""The scheduler: jobs that scan the views for late work, alert managers and remind the
staff who do the work.

Its modules arrive with the overdue-alerts work; the package exists so the
layout (domain, projections, api, scheduler) is in place from the start.
"""
