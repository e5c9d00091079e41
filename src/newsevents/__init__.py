"""newsevents: auditable event data (CAMEO, PLOVER) from news articles.

The Python API is :mod:`newsevents.api`; the CLI, and later the HTTP server,
are thin layers over it.
"""

__version__ = "0.1.0"
