"""The HTTP API and the dashboard over the store (``newsevents serve``; docs/serve.md)."""
