"""The application services: one ``eventsourcing`` application per bounded context
(the tracker for plans and activities, the directory for people, the outbox for the
alerts owed and sent), each with one method per use case — read the aggregate, let
the domain decide, save.
"""
