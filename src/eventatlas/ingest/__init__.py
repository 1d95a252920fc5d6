"""Readers: turn files (text, HTML, JSONL) into Documents, or coded errors. No NLP here."""
from eventatlas.ingest.readers import document_from_text, read_inputs, read_path

__all__ = ["document_from_text", "read_inputs", "read_path"]
