"""The scheduler: jobs that scan the views for late work and alert managers.

Its modules arrive with the overdue-alerts work; the package exists so the
layout (domain, projections, api, scheduler) is in place from the start.
"""
