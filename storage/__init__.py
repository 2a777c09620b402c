"""Where events and views are kept: the event store's recorders, the views' database
connections, the leader lock and the copy between stores.

The only package that speaks to a database driver (``sqlite3``, ``psycopg``); the
layer contracts in ``pyproject.toml`` hold every other package to that.
"""
