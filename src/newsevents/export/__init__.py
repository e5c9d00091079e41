"""Export: writers for event records (JSONL, CSV)."""
