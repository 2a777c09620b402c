"""Views built from the event log: the current plan, plan versus actual, the audit
trail and the overdue candidates.

Projections read domain events (they import `domain`, never `api` or
`scheduler`); every view can be thrown away and rebuilt from the events alone.
"""
