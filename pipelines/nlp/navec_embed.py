"""Pretrained Russian word vectors (navec) as an input feature of a trained spaCy component.

natasha's wheel carries navec, 250,000 lower-cased Russian news words in 300 dimensions, product-quantised to
25 MB (MIT). The architecture ``claimflow.NavecMultiHashEmbed.v1`` is spaCy's ``MultiHashEmbed`` with navec in
place of a vocab vectors table: each word's navec vector goes through a learned linear layer to ``width`` and
is concatenated with the hash embeddings of ``attrs``; a Maxout layer mixes them, as in spaCy. Only that linear
layer is saved with the model; the vectors themselves are read from the natasha wheel once per process, so a
pipeline that uses them stays small and nothing of navec is copied into it.

Words navec does not know (and words whose ``ё`` navec spells ``е``, tried second) get navec's ``<unk>`` vector.

In a config::

    [components.ner.model.tok2vec.embed]
    @architectures = "claimflow.NavecMultiHashEmbed.v1"
    width = 128
    attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
    rows = [4000, 300, 2500, 1000]
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from types import MethodType
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from spacy.ml.featureextractor import FeatureExtractor
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints1d, Ints2d, Ragged

NAVEC_EMBED_ARCHITECTURE = "claimflow.NavecMultiHashEmbed.v1"
NAVEC_DIM = 300


class NavecTable:
    """Word → id → vector over navec's product-quantised table (decoded on demand, never all at once)."""

    def __init__(self, navec: Any) -> None:
        self._ids: dict[str, int] = navec.vocab.word_ids
        self.unk_id: int = navec.vocab.unk_id
        pq = navec.pq
        self._indexes: npt.NDArray[np.uint8] = pq.indexes  # words x qdim, uint8 centroid numbers
        self._codes: npt.NDArray[np.float32] = pq.codes  # qdim x centroids x (dim / qdim)
        self._qdims = np.arange(pq.qdim)
        self._cache: dict[str, int] = {}

    def word_id(self, text: str) -> int:
        """navec's id of ``text`` (lower-cased; ``ё`` tried as ``е``), or the ``<unk>`` id."""
        found = self._cache.get(text)
        if found is None:
            lower = text.lower()
            found = self._ids.get(lower)
            if found is None and "ё" in lower:
                found = self._ids.get(lower.replace("ё", "е"))
            found = self.unk_id if found is None else found
            if len(self._cache) < 500_000:
                self._cache[text] = found
        return found

    def vectors(self, ids: npt.NDArray[np.integer[Any]]) -> npt.NDArray[np.float32]:
        """float32 array of len(ids) x 300."""
        parts = self._codes[self._qdims, self._indexes[ids]]  # n x qdim x (dim / qdim)
        return np.ascontiguousarray(parts.reshape(len(ids), -1), dtype=np.float32)


@lru_cache(maxsize=1)
def news_embedding() -> Any:
    """natasha's ``NewsEmbedding`` (navec news), loaded once per process and shared with its NER.

    Loaded without navec's similarity tables: ``PQ.precompute`` builds a norm per word and a table of centroid
    products that only ``Navec.sim`` reads (+73 MiB peak memory and 0.16 CPU-s per process, measured); the NER
    and :class:`NavecTable` read the codes and indexes only. ``sim`` still works: it builds the tables on its
    first call."""
    from natasha import NewsEmbedding
    from navec.pq import PQ

    precompute = PQ.precompute
    PQ.precompute = _word_axis_only  # type: ignore[method-assign]
    try:
        embedding = NewsEmbedding()
    finally:
        PQ.precompute = precompute  # type: ignore[method-assign]
    embedding.pq.sim = MethodType(_sim_on_demand, embedding.pq)
    return embedding


def _word_axis_only(pq: Any) -> None:
    pq.qdims = np.arange(pq.qdim)  # what ``PQ.__getitem__`` and ``unpack`` read


def _sim_on_demand(pq: Any, a: int, b: int) -> Any:
    from navec.pq import PQ

    if not hasattr(pq, "ab"):
        PQ.precompute(pq)
    return PQ.sim(pq, a, b)


@lru_cache(maxsize=1)
def navec_table() -> NavecTable:
    """The navec news table from the natasha wheel, loaded once per process."""
    return NavecTable(news_embedding())


def NavecVectors(width: int) -> Model[list[Doc], Ragged]:
    """navec vectors of each doc's words, projected by a learned ``W`` (width x 300)."""
    return Model(
        "navec_vectors",
        _navec_forward,
        init=_navec_init,
        params={"W": None},
        dims={"nO": width, "nV": NAVEC_DIM},
    )


def _navec_init(model: Model[list[Doc], Ragged], X: Any = None, Y: Any = None) -> None:
    from thinc.api import glorot_uniform_init

    model.set_param("W", glorot_uniform_init(model.ops, (model.get_dim("nO"), model.get_dim("nV"))))


def _navec_forward(
    model: Model[list[Doc], Ragged], docs: list[Doc], is_train: bool
) -> tuple[Ragged, Callable[[Ragged], list[Doc]]]:
    table = navec_table()
    ids = np.fromiter((table.word_id(t.text) for doc in docs for t in doc), dtype=np.int64)
    lengths = cast(Ints1d, model.ops.asarray1i([len(doc) for doc in docs]))
    V = cast(Floats2d, model.ops.asarray2f(table.vectors(ids)))
    W = cast(Floats2d, model.get_param("W"))
    output = Ragged(model.ops.gemm(V, W, trans2=True), lengths)

    def backprop(d_output: Ragged) -> list[Doc]:
        model.inc_grad("W", model.ops.gemm(cast(Floats2d, d_output.dataXd), V, trans1=True))
        return []

    return output, backprop


def NavecMultiHashEmbed(width: int, attrs: list[str], rows: list[int]) -> Model[list[Doc], list[Floats2d]]:
    """spaCy's MultiHashEmbed (static vectors included) with navec as the static vectors."""
    if len(rows) != len(attrs):
        raise ValueError(
            f"{NAVEC_EMBED_ARCHITECTURE}: {len(rows)} rows for {len(attrs)} attrs; give one per attr"
        )
    embeddings = [HashEmbed(width, n, column=i, seed=8 + i, dropout=0.0) for i, n in enumerate(rows)]
    hashed: Model[list[Doc], Ragged] = chain(
        FeatureExtractor(attrs),
        cast(Model[list[Ints2d], Ragged], list2ragged()),
        with_array(concatenate(*embeddings)),
    )
    mix = with_array(Maxout(width, width * (len(embeddings) + 1), nP=3, dropout=0.0, normalize=True))
    return chain(concatenate(hashed, NavecVectors(width)), mix, ragged2list())


registry.architectures.register(NAVEC_EMBED_ARCHITECTURE, func=NavecMultiHashEmbed)
