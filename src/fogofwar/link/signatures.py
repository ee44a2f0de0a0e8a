"""Signatures of an article's text and the LSH bucket keys that find its candidates.

Copies: a MinHash (datasketch) of word 5-shingles, cut into bands; two articles that share any
band are candidates, and their estimated Jaccard similarity decides. With 32 bands of 4 rows a
pair at Jaccard 0.5 shares a band with probability 1 - (1 - 0.5**4)**32 = 0.9987, a pair at 0.1
with 0.003: copies are found, unrelated articles are almost never compared.

Stories: a sentence embedding (all-MiniLM-L6-v2, see ``embed``) of the headline and lead, with
random-hyperplane LSH (signs of projections on fixed random vectors, Charikar 2002) cut into
bands the same way. datasketch's MinHashLSH keeps its buckets in memory or Redis/Cassandra; ours
live in the store's ``link_buckets`` table, so that any process (or Dask worker) sees the same
index and a restart loses nothing.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    # Imported where a MinHash is made: datasketch loads scipy (about a second), which a read of
    # the stored links never needs.
    from datasketch import MinHash

NUM_PERM = 128
# Stored signatures must be read back with the hashing scheme that made them.
SCHEME = "affine32"
DUP_BANDS, DUP_ROWS = 32, 4
SHINGLE = 5
# Stories: 20 bands of 8 sign bits. Two leads at cosine 0.7 (angle 45.6°: each bit agrees with
# probability 0.75) share a band with probability 1 - (1 - 0.75**8)**20 = 0.93; at cosine 0.2
# (0.56 per bit) with 0.19, so a store of many unrelated stories yields few candidates.
STORY_BANDS, STORY_BITS = 20, 8
EMBEDDING_DIM = 384
_SEED = 20240806

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def minhash(text: str) -> MinHash:
    """MinHash of the text's word 5-shingles (a text shorter than that: of its words)."""
    from datasketch import MinHash

    tokens = words(text)
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=SCHEME)
    shingles = {" ".join(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


def minhash_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def minhash_from_bytes(data: bytes | None) -> MinHash | None:
    """The stored MinHash, or None when the bytes are not one (a damaged row)."""
    if data is None or len(data) != NUM_PERM * 8:
        return None
    from datasketch import MinHash

    return MinHash(
        num_perm=NUM_PERM, seed=_SEED, scheme=SCHEME, hashvalues=np.frombuffer(data, dtype=np.uint64)
    )


def _band_key(prefix: str, band: int, values: bytes) -> str:
    return f"{prefix}{band}:" + hashlib.blake2b(values, digest_size=8).hexdigest()


def dup_keys(m: MinHash) -> list[str]:
    values = np.asarray(m.hashvalues, dtype=np.uint64)
    return [_band_key("d", b, values[b * DUP_ROWS : (b + 1) * DUP_ROWS].tobytes()) for b in range(DUP_BANDS)]


@lru_cache(maxsize=1)
def _hyperplanes() -> np.ndarray:
    return np.random.default_rng(_SEED).standard_normal((STORY_BANDS * STORY_BITS, EMBEDDING_DIM))


def story_keys(vector: np.ndarray) -> list[str]:
    bits = (_hyperplanes() @ vector > 0).astype(np.uint8)
    return [
        _band_key("s", b, np.packbits(bits[b * STORY_BITS : (b + 1) * STORY_BITS]).tobytes())
        for b in range(STORY_BANDS)
    ]


def story_probe_keys(vector: np.ndarray) -> list[str]:
    """The vector's story keys and, per band, the keys one sign bit away (multi-probe LSH, Lv et
    al. 2007): stored keys stay as they are, the query looks into neighbouring buckets. Two leads
    at cosine 0.7 then meet with probability 1 - (1 - (p**8 + 8 * p**7 * (1 - p)))**20 = 0.9999
    (p = 0.75 per bit) instead of 0.93; the candidate cap bounds what the looser net brings in."""
    bits = (_hyperplanes() @ vector > 0).astype(np.uint8)
    keys: list[str] = []
    for b in range(STORY_BANDS):
        band = bits[b * STORY_BITS : (b + 1) * STORY_BITS]
        keys.append(_band_key("s", b, np.packbits(band).tobytes()))
        for i in range(STORY_BITS):
            probe = band.copy()
            probe[i] ^= 1
            keys.append(_band_key("s", b, np.packbits(probe).tobytes()))
    return keys


def vector_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def vector_from_bytes(data: bytes | None) -> np.ndarray | None:
    """The stored embedding, or None when the bytes are not one (a damaged row): every reader
    of a stored signature goes through here, so none can be handed a vector of the wrong size."""
    if data is None or len(data) != EMBEDDING_DIM * 4:
        return None
    return np.frombuffer(data, dtype=np.float32)
