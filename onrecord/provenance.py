"""When two quotes are the same quote: normalisation and the near-duplicate definition.

Pure functions, no database: the store groups quotes with them at ingest and the
Spark job uses the same ones (its MinHash LSH can take `minhash_bands` directly),
so a corpus grouped on a laptop and on a cluster agrees.

Two quotes are the same when, after `normalise` (quote marks, dashes, case,
punctuation and spacing made uniform), they are equal, or both are long enough to
be distinctive and their character shingles overlap by `NEAR_DUPLICATE_JACCARD`
with lengths within `MAX_LENGTH_RATIO` (small edits: a word changed, dropped or
added, a typo fixed).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

import numpy as np

SHINGLE_CHARS = 5
"""Character n-gram size: robust to a word changed, still rare enough to tell quotes apart."""
NEAR_DUPLICATE_JACCARD = 0.7
"""Least Jaccard similarity of shingle sets for two different texts to be one quote."""
MAX_LENGTH_RATIO = 1.25
"""Longest/shortest normalised length allowed for near (not exact) duplicates."""
MIN_NEAR_CHARS = 25
"""Normalised quotes shorter than this group only when identical ("Yes." is not a quote to trace)."""
MINHASH_PERMUTATIONS = 64
MINHASH_BANDS = 16
"""16 bands of 4 rows: pairs at Jaccard 0.7 share a band with probability > 0.99."""

_QUOTE_MARKS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\u2039": "'", "\u203a": "'",
})
_PUNCT = re.compile(r"[^\w\s']+|(?<!\w)'|'(?!\w)")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Lower case, one apostrophe, no other punctuation or quote marks, single spaces.

    Cached: a statement's text is normalised for its key, its bands and each comparison."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MARKS).casefold()
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def quote_key(text: str) -> str:
    """A short fingerprint of the normalised text: equal keys, identical quotes."""
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:16]


def shingles(text: str) -> set[str]:
    """Character `SHINGLE_CHARS`-grams of the normalised text (the whole text when shorter)."""
    norm = normalise(text)
    if len(norm) <= SHINGLE_CHARS:
        return {norm} if norm else set()
    return {norm[i:i + SHINGLE_CHARS] for i in range(len(norm) - SHINGLE_CHARS + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def is_near_duplicate(a: str, b: str) -> bool:
    """True when `a` and `b` are the same quote, as this module's docstring defines it."""
    na, nb = normalise(a), normalise(b)
    if na == nb:
        return bool(na)
    short, long_ = sorted((len(na), len(nb)))
    if short < MIN_NEAR_CHARS or long_ > short * MAX_LENGTH_RATIO:
        return False
    return jaccard(shingles(na), shingles(nb)) >= NEAR_DUPLICATE_JACCARD


_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20241101)
_A = _rng.integers(1, _PRIME, MINHASH_PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, MINHASH_PERMUTATIONS, dtype=np.uint64)


_MULTIPLIER = np.uint64(0x100000001B3)  # FNV's 64-bit prime: spreads each character over the word
_MIX = np.uint64(0x9E3779B97F4A7C15)


def shingle_hashes(norm: str) -> np.ndarray:
    """Distinct 32-bit hashes of the `SHINGLE_CHARS`-grams of a normalised text, computed over
    all positions at once (a polynomial of the code points, wrapping at 2**64, then mixed)."""
    codes = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if codes.size == 0:
        return codes
    width = min(SHINGLE_CHARS, codes.size)
    count = codes.size - width + 1
    value = np.zeros(count, dtype=np.uint64)
    for k in range(width):
        value = value * _MULTIPLIER + codes[k:k + count]
    value = (value ^ (value >> np.uint64(31))) * _MIX
    return np.unique(value >> np.uint64(32))


def minhash(text: str) -> np.ndarray:
    """`MINHASH_PERMUTATIONS` minimum hashes of the shingles (32-bit hashes, linear permutations)."""
    hashes = shingle_hashes(normalise(text))
    if hashes.size == 0:
        return np.zeros(MINHASH_PERMUTATIONS, dtype=np.uint64)
    # (a*h + b) mod p, kept below 2**64: h < 2**32 and a is reduced to 31 bits.
    permuted = ((_A[None, :] & np.uint64(0x7FFFFFFF)) * hashes[:, None] + _B[None, :]) % np.uint64(_PRIME)
    return permuted.min(axis=0)


def minhash_bands(text: str) -> list[str]:
    """LSH band keys: near-duplicate candidates share at least one (verify with `is_near_duplicate`)."""
    if len(normalise(text)) < MIN_NEAR_CHARS:
        return []
    sig = minhash(text)
    rows = MINHASH_PERMUTATIONS // MINHASH_BANDS
    return [f"{b:02d}" + hashlib.blake2b(sig[b * rows:(b + 1) * rows].tobytes(), digest_size=6).hexdigest()
            for b in range(MINHASH_BANDS)]
