"""Ingest: the first stage. Readers turn files, directories and stdin into Articles.

Every reader yields :class:`~newsevents.records.Article` or, for input that
cannot be read, a :class:`~newsevents.records.DocError` naming the document
and what to do; a bad document never stops the others.
"""

from newsevents.ingest.normalize import normalize_text
from newsevents.ingest.readers import read_inputs, read_jsonl_stream, read_text_file

__all__ = ["normalize_text", "read_inputs", "read_jsonl_stream", "read_text_file"]
