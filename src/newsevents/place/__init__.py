"""The place stage: where an event happened."""
