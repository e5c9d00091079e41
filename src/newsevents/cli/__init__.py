"""The command-line interface: a thin typer layer over :mod:`newsevents.api`."""
