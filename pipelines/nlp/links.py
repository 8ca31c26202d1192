"""Markdown links in article text ("Як повідомляє [Суспільне](https://suspilne.media), …", "[the ministry
said](https://t.me/…) on Tuesday"), as channel posts and feeds carry them (issue 17).

spaCy's tokenizers split such a link badly: "Суспільне](https://suspilne.media" is one token, and a link with a
path falls into pieces at its slashes, so the tagger and the parser read neither the label's words nor the
sentence around them. :class:`LinkTokenizer` wraps a pipeline's tokenizer and splits every link into its parts:
"[", the label's words (tokenized as any text), "]", "(", the address as one token, ")". The text is unchanged,
so every offset still refers to ``articles.text`` as stored; the brackets are punctuation and the address one
URL-like token to the models. :func:`pipelines.nlp.assemble.add_components` installs it (idempotent).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

#: ``[label](address)``: a label without brackets or a line break, an address without spaces or parentheses
LINK = re.compile(r"\[(?P<label>[^\[\]\n]{1,300})\]\((?P<address>[^()\s]{1,2000})\)")
#: a web address as a link's address starts (a scheme, or "www."), to its last character before ")"
ADDRESS = r"(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)[^()\s]*"


class LinkTokenizer:
    """A pipeline's tokenizer with Markdown links split into "[", the label's tokens, "]", "(", the address,
    ")"; text without a link is tokenized by the wrapped tokenizer alone."""

    def __init__(self, inner: Callable[[str], Doc]) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        if "](" not in text or LINK.search(text) is None:
            return self.inner(text)
        parts: list[Doc] = []
        pos = 0
        for m in LINK.finditer(text):
            self._plain(text[pos : m.start()], parts)
            self._markup("[", parts, space=False)
            self._plain(m.group("label"), parts)
            self._markup("]", parts, space=False)
            self._markup("(", parts, space=False)
            self._markup(m.group("address"), parts, space=False)
            pos = m.end()
            # ")" takes the single space after it, so the next words do not open with a whitespace token
            space = text.startswith(" ", pos) and not text.startswith("  ", pos)
            self._markup(")", parts, space=space)
            pos += space
        self._plain(text[pos:], parts)
        doc = Doc.from_docs(parts, ensure_whitespace=False)
        # offsets must refer to the text as stored: should a split ever change it, the plain tokenization stands
        return doc if doc.text == text else self.inner(text)

    def _plain(self, text: str, parts: list[Doc]) -> None:
        if text:
            parts.append(self.inner(text))

    def _markup(self, text: str, parts: list[Doc], *, space: bool) -> None:
        parts.append(Doc(self.vocab, words=[text], spaces=[space]))

    @property
    def vocab(self) -> Any:
        return self.inner.vocab  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> Any:
        # the wrapped tokenizer's own attributes and methods (rules, explain, to_disk …)
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)


def split_links(nlp: Any) -> Any:
    """Wrap ``nlp``'s tokenizer in a :class:`LinkTokenizer` (once); returns ``nlp``."""
    if not isinstance(nlp.tokenizer, LinkTokenizer):
        nlp.tokenizer = LinkTokenizer(nlp.tokenizer)
    return nlp
