"""The scheduler: jobs that scan the views for late work, alert managers and remind the
staff who do the work.
"""
