"""Readers: turn files (text, HTML, JSONL), folders and feeds into Documents, or coded errors. No NLP here."""
from eventatlas.ingest.inputs import input_files, read_inputs, read_path
from eventatlas.ingest.readers import document_from_text

__all__ = ["document_from_text", "input_files", "read_inputs", "read_path"]
