"""Claim extraction: who claims what, when, where and how many, from a parsed spaCy ``Doc``.

One pass over the sentences of a document (``doc.sents``, further split at line breaks, which always end a
paragraph). For each sentence, in this order:

1. **Reporting verbs** (``say``, ``report``, ``stress``, ``заявить``, ``повідомити`` … in the language
   pack, ``pipelines/nlp/langpacks/<code>/pack.json``): the claimant is the verb's ``nsubj``; the content is its clausal
   complement (``ccomp``), else the clause it is attached to (post-posed "…, analysts emphasised"), else its
   object ("share footage of …"). Several reporting verbs in one sentence give several claims unless one is
   inside another's content. When the content is (almost) all inside quotation marks (" " “ ” « » „ “), the
   attribution is ``direct_quote``; otherwise ``indirect``.
2. **"According to" phrases** ("according to", "по данным", "за даними", "как сообщил" …): the claimant is
   the noun phrase after the phrase, the content the rest of the sentence on the other side of the comma.
3. **Stand-alone quotations**: a sentence wholly in quotation marks, or one with an editorial insertion in
   square brackets ("Their [AFU's] position…"), is a ``direct_quote`` of the latest claimant of the last three
   sentences.
4. Otherwise the sentence is an ``unattributed`` claim (sentences without a verb or shorter than three words
   are skipped; in English, those the claim-worthiness classifier finds not check-worthy too, see :mod:`.gate`).

When the article's title names the speaker of a transcript (a video address, briefing, speech or official summary:
"Звернення Президента України …", "Remarks by …"), the body's ``unattributed`` claims become ``transcript`` claims of
that speaker (:mod:`.transcripts`).

In English, when the pipeline runs the learned attribution tagger, its attributions join those of steps 1–2 by the
component's ``learned_policy`` (:mod:`.learned_claims`).

Each rule uses the dependency tree when the pipeline has a parser and falls back to token patterns when it
does not, or when the tree is odd (no subject, no complement). Claimants are resolved: a pronoun ("He said")
or a definite back-reference ("the source", "the ministry", "этот источник", "відомство") refers to the nearest
compatible earlier mention (claimants first, then PER/ORG entities) in the current and three previous
sentences; an indefinite "a source" / "источник" / "джерело" is an ``anonymous`` claimant.

One module per rule family, each a set of functions taking the document's
:class:`~pipelines.nlp.claims.context.DocContext`: :mod:`.gate` (what counts as a claim, steps 3–4),
:mod:`.attribution` (steps 1–2: cue, claimant span, content span), :mod:`.validity` (what may be a claimant
and what is a reported proposition), :mod:`.claimants` (claimant resolution),
:mod:`.enrichment` (event type, actors, targets, locations, quantities, times, hedges, negation; the
:class:`~pipelines.nlp.claims.claim.Claim`) and :mod:`.fingerprint`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from spacy.tokens import Doc

from pipelines.nlp.aliases import AliasTable
from pipelines.nlp.claims import (
    claimants,
    continuations,
    gate,
    introductions,
    own_voice,
    paragraph_sources,
    transcripts,
)
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.context import DocContext, furniture_sentences
from pipelines.nlp.claims.fingerprint import date_bucket, fingerprint
from pipelines.nlp.claims.learned import SPANS_KEY, CombinePolicy, attributions
from pipelines.nlp.claims.lexicon import LangLexicon, load_lexicon
from pipelines.nlp.claims.spans import balance_quotes, tok_range_chars
from pipelines.nlp.langpacks import LanguagePack, load_pack

__all__ = ["ClaimExtractor", "date_bucket", "fingerprint"]


class ClaimExtractor:
    """Turns a processed ``Doc`` into :class:`~pipelines.nlp.claims.claim.Claim` objects.

    It holds configuration only (language, its pack and lexicon, alias table, limits); each call makes a fresh
    :class:`~pipelines.nlp.claims.context.DocContext` for the document.
    """

    def __init__(
        self,
        lang: str,
        aliases: AliasTable,
        *,
        hedge_lexicon: Sequence[str] = (),
        max_claims_per_doc: int = 500,
        include_unattributed: bool = True,
        learned_policy: CombinePolicy | None = None,
        worthiness: str = "off",
    ) -> None:
        if max_claims_per_doc < 1:
            raise ValueError(f"max_claims_per_doc: received {max_claims_per_doc!r}; allowed: an integer >= 1")
        self.lang = lang
        self.pack: LanguagePack = load_pack(lang)
        self.lex: LangLexicon = load_lexicon(lang, tuple(hedge_lexicon))
        self.aliases = aliases
        self.max_claims = max_claims_per_doc
        self.include_unattributed = include_unattributed
        self.learned_policy = learned_policy
        if worthiness not in gate.WORTHINESS_MODES:
            raise ValueError(f"worthiness: received {worthiness!r}; allowed: {list(gate.WORTHINESS_MODES)}")
        self.worthiness = worthiness
        self.transcripts = transcripts.TranscriptRule.from_pack(self.pack)

    def __call__(
        self, doc: Doc, published_at: datetime | date | None, title: Doc | None = None
    ) -> list[Claim]:
        return self.extract(doc, published_at, title)[0]

    def extract(
        self, doc: Doc, published_at: datetime | date | None, title: Doc | None = None
    ) -> tuple[list[Claim], DocContext]:
        """The claims of ``doc`` and the context they were found in (its furniture lines, its text);
        ``title``: the article's parsed title, when it may name a transcript's speaker (:mod:`.transcripts`)."""
        ctx = DocContext(
            doc, self.lang, self.lex, self.pack, self.aliases, published_at, self.include_unattributed
        )
        if self.learned_policy is not None and self.learned_policy.name != "rules" and SPANS_KEY in doc.spans:
            ctx.learned = attributions(doc)
            ctx.learned_policy = self.learned_policy
        ctx.worthiness = self.worthiness
        claims = self._claims(ctx)
        rule = self.transcripts
        speaker = transcripts.title_speaker_of(rule, ctx, title) if title is not None and rule else None
        if speaker is not None and rule is not None:
            claims = transcripts.attribute(rule, ctx, claims, speaker) or claims
        else:  # "Іван Крулько, фракція «Батьківщина». … Я вважаю, що …": the speaker introduces themselves
            claims = introductions.resolve_first_person(ctx, claims)
        return [_balanced(ctx.text, c) for c in own_voice.writers_own(ctx, claims)], ctx

    def _claims(self, ctx: DocContext) -> list[Claim]:
        doc = ctx.doc
        claims: list[Claim] = []
        segments = gate.segments(doc, ctx.text, ctx.datelines)
        ctx.sentence_starts = [doc[lo].idx for lo, _ in segments]
        spans = [tok_range_chars(doc, lo, hi) for lo, hi in segments]
        ctx.furniture += furniture_sentences(
            ctx.text, spans, ctx.furniture, ctx.pack
        )  # "…. Читайте также: …"
        for index, (lo, hi) in enumerate(segments):
            claimants.remember_entities(ctx, lo, hi, index, before=None)
            found = gate.sentence_claims(ctx, lo, hi, index)
            # a source named after the sentences it reports ("…, повідомив X.", "Об этом сообщил X")
            back_reference, source, further = paragraph_sources.back_reference_source(ctx, lo, hi, index)
            if back_reference:
                found = further  # it names a source, and what else that source said ("…, уточнивши, що …")
            else:
                source = paragraph_sources.source_tail(ctx, found)
                if source is not None:
                    found = [c for c in found if not paragraph_sources.nested(c, source)]
            if source is not None:
                claims = paragraph_sources.attribute_run(
                    ctx, claims, source, index, previous_paragraph=back_reference
                )
            for claim in found:
                if claim.sentence_index < index:
                    # a quotation over several sentences, its speaker named after it: the earlier sentences'
                    # claims inside it are this claim's
                    claims = [
                        c
                        for c in claims
                        if not (
                            c.sentence_index >= claim.sentence_index
                            and claim.content_start <= c.content_start
                            and c.content_end <= claim.content_end
                        )
                    ]
                # '"A," X said. "B."': the quotation after the speaker goes on with that speaker
                claims.append(continuations.continued(ctx, claims[-1] if claims else None, claim))
                if len(claims) >= self.max_claims:
                    return claims
        return claims


def _balanced(text: str, claim: Claim) -> Claim:
    """``claim`` with its content widened by the quotation mark it opens or closes at its edge
    (:func:`.spans.balance_quotes`); asked once a claim is final, as the rules read the marks at a span's edges."""
    start, end = balance_quotes(text, claim.content_start, claim.content_end)
    if (start, end) == (claim.content_start, claim.content_end):
        return claim
    content = text[start : claim.content_start] + claim.content + text[claim.content_end : end]
    return replace(claim, content=content, content_start=start, content_end=end)
