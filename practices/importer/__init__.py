"""Import good-practice write-ups (.txt, .docx, .pdf) as draft practices; see docs/importer.md.

This package and its ``readers`` and ``extract`` modules need no Django; ``writer`` and the
admin ``views`` do.
"""

import re
from pathlib import PurePath

from .extract import ExtractError, Extraction, extract, fingerprint
from .readers import SUPPORTED_SUFFIXES, ReadError, read_document

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ExtractError",
    "Extraction",
    "ReadError",
    "extract_document",
    "fingerprint",
]


def extract_document(name, data):
    """(text, Extraction) for one file; raises ReadError or ExtractError with the reason."""
    text = read_document(name, data)
    fallback = re.sub(r"[-_\s]+", " ", PurePath(name).stem).strip().capitalize()
    return text, extract(text, fallback_title=fallback)
