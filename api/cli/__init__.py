"""The ``tidtam`` command line (Typer + rich); the app is assembled in `api.cli.main`."""
