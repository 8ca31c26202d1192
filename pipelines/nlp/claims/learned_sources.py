"""The claimant of a learned attribution (issue 18): the tagger's SOURCE span resolved like a rule claimant,
else the cue's subject in the parse, else the source of the reporting verb a converb continues; none for the
passive subject of the cue."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipelines.nlp.claims import attribution, claimants, quoting
from pipelines.nlp.claims.context import DocContext, Mention
from pipelines.nlp.claims.learned import CombinePolicy, LearnedAttribution
from pipelines.nlp.claims.phrases import converb_window, written_span


def source(
    ctx: DocContext, att: LearnedAttribution, lo: int, hi: int, index: int, policy: CombinePolicy
) -> tuple[Mention | None, tuple[int, int] | None]:
    """The claimant of a tagger attribution and its character span: the SOURCE span, resolved; else (with
    ``parse_source``) the cue's subject in the parse."""
    if patient(att):
        return None, None  # "Mr. Quiros was accused of fraud": the accused is not the one who speaks
    quoted = quoting.quoted_speaker(ctx, att.cue.root)
    if quoted is not None:  # "He quoted Ross as telling him: …": Ross speaks, not the one who quotes him
        mention, rng = claimants.claimant_from(ctx, quoted, lo, hi, index)
        if rng[1] > rng[0]:
            return mention, written_span(ctx, *rng)
    if att.source is not None:
        src = _subject_part(att.source, att.cue)
        if len(src) > 1 and src[-1].lower_ in ctx.pack.possessive_markers and src.end == att.cue.start:
            src = src[:-1]  # "The governor's | warning that …": the possessor, without its mark
        mention, rng = claimants.claimant_from(
            ctx, src.root, src.start, src.end, index, np_range=(src.start, src.end)
        )
        named = _named_head(ctx, src)
        if named.i != src.root.i and (mention is None or mention.label != "PER"):
            mention, rng = claimants.claimant_from(
                ctx, named, src.start, src.end, index, np_range=(src.start, src.end)
            )
        if rng[1] <= rng[0] and src.end - src.start == 1 and claimants.not_a_claimant(ctx, src[0]):
            return None, None  # a word that names no claimant ("this", "нам")
        if not (src.start <= rng[0] < src.end):
            return mention, written_span(ctx, *rng)  # a relative pronoun's antecedent
        return mention, (src.start_char, src.end_char)
    if policy.parse_source:
        verb = att.cue.root
        subj = attribution.find_subject(ctx, verb, lo, hi)
        if (
            subj is not None
            and not (att.cue.start <= subj.i < att.cue.end)
            and not any(c.start <= subj.i < c.end for c in att.content)  # (what was said names no sayer)
        ):
            mention, rng = claimants.claimant_from(ctx, subj, lo, hi, index, stop=verb.i)
            if rng[1] > rng[0]:
                return mention, written_span(ctx, *rng)
    opener = _opening_phrase(ctx, att, lo)
    if opener is not None:
        mention, rng = claimants.claimant_from(
            ctx, _named_head(ctx, opener), lo, hi, index, np_range=(opener.start, opener.end)
        )
        if mention is not None and rng[1] > rng[0]:
            return mention, written_span(ctx, *rng)
    earlier = _reporting_before(ctx, att, lo)
    if earlier is not None:  # "A, Ukraine's air force said on Wednesday, adding that B": the air force's B
        return source(ctx, earlier, lo, hi, index, policy)
    return None, None


def _opening_phrase(ctx: DocContext, att: LearnedAttribution, lo: int) -> Span | None:
    """The words that open the sentence [lo, …) before an active reporting verb whose content follows it, when they
    hold a name and no verb, quotation mark or opening preposition or adverb: the cue's subject, which a parse gone
    wrong lost ("Rep. Anna Berg (D-Maine), chairman of the caucus, | said | …" with "said" read as an
    adjective)."""
    doc, root = ctx.doc, att.cue.root
    if not att.content or att.content[0].start < att.cue.end or att.cue.start - lo < 1:
        return None
    if root.i not in ctx.cue_meta or "Pass" in root.morph.get("Voice") or att.cue[0].pos_ == "AUX":
        return None  # a reporting verb of the rules' lexicon, active ("Dutroux | was charged": the patient)
    end = att.cue.start
    while end > lo and doc[end - 1].text in (",", "—", "–"):
        end -= 1
    phrase = doc[lo:end]
    if len(phrase) == 0 or phrase[0].pos_ in ("ADP", "ADV", "SCONJ", "CCONJ", "PART"):
        return None
    if any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in phrase) or not phrase.ents:
        return None
    return phrase


def _reporting_before(ctx: DocContext, att: LearnedAttribution, lo: int) -> LearnedAttribution | None:
    """The tagger's attribution with a source whose cue ends just before the comma of a converb cue without one
    (:func:`.phrases.converb_window`: "…, the air force said on Wednesday, | adding that …"); else the
    sentence's first attribution, when its source, if the tagger found one, stands before its cue (the main
    clause's subject, which a converb shares: "X called on Friday for releasing the videos, as well, | saying
    that …")."""
    window = converb_window(ctx, att.cue.root, lo)
    if window is None:
        return None
    start, comma = window
    earlier = [o for o in ctx.learned or [] if lo <= o.cue.start and o.cue.end <= comma]
    near = next((o for o in earlier if o.source is not None and start < o.cue.end), None)
    if near is not None or not earlier:
        return near
    first = earlier[0]
    return first if first.source is None or first.source.end <= first.cue.start else None


def _named_head(ctx: DocContext, src: Span) -> Token:
    """The head of the claimant in a SOURCE span: its one person's name when the span is that person with a title
    or an apposition ("Sen. Anna Berg (D-Maine), a committee member": Anna Berg, whatever the parse makes
    the span's root); not a possessor's or a preposition's name ("Clinton's spokesman", "an aide to Clinton")."""
    doc = src.doc
    people = [e for e in ctx.ents_within(src.start, src.end) if e.label_ == "PER"]
    if len(people) != 1:
        return src.root
    ent = people[0]
    owned = ent.end < src.end and doc[ent.end].lower_ in ctx.pack.possessive_markers
    if owned or any(t.pos_ == "ADP" or t.lower_ in ("'s", "’s") for t in doc[src.start : ent.start]):
        return src.root
    return ent.root


def _subject_part(src: Span, cue: Span) -> Span:
    """The part of the tagger's SOURCE span that is the cue's subject when the span's root is not ("In Chicago he
    accused …" with the span "Chicago he": "he", which the rules resolve; the place is where, not who); a span
    that is only the possessor of the cue's subject grows to that subject's head ("Ukraine's | army said": the
    army speaks, not the country)."""
    owner = src.root.head
    if (
        src.root.dep_ == "nmod:poss"
        and owner.i >= src.end
        and owner.dep_.startswith("nsubj")
        and cue.start <= owner.head.i < cue.end
        and owner.left_edge.i >= src.start
    ):
        return src.doc[src.start : owner.i + 1]
    if not src.root.dep_.startswith(("obl", "advmod", "nmod")):
        return src  # the span's head is no adverbial: a subject phrase as the tagger marked it
    subj = next((t for t in src if t.dep_.startswith("nsubj") and cue.start <= t.head.i < cue.end), None)
    if subj is None or subj.i == src.root.i:
        return src
    start, end = max(src.start, subj.left_edge.i), min(src.end, subj.right_edge.i + 1)
    return src.doc[start:end]


def patient(att: LearnedAttribution) -> bool:
    """The tagger's source is the passive subject of its cue ("Mr. Quiros | was accused of | fraud", "The
    efforts | are expected | to ..."): the one the cue is about, not the one who speaks."""
    if att.source is None:
        return False
    root = att.source.root
    dep: str = root.dep_
    verb = root.head
    # (a passive needs its auxiliary: the parse calls "Trump campaign spokesman Jason Miller | added" one too)
    passive = any(c.dep_ == "aux:pass" for c in verb.children)
    return dep.startswith("nsubj:pass") and passive and att.cue.start <= verb.i < att.cue.end


def raised(ctx: DocContext, att: LearnedAttribution, content: tuple[int, int] | None) -> bool:
    """The cue is a passive whose subject stands before it and whose content is the infinitive right after it
    ("The general | is said | to have blamed …", "Rebels | are reported | to have seized …"): hearsay the outlet
    passes on of that subject, with no one named who says it. Its content alone is a fragment; the sentence stays
    the outlet's (hedged by the pack's "is said to")."""
    if content is None or not ctx.has_dep:
        return False
    first = ctx.doc.char_span(*content, alignment_mode="expand")
    verb = att.cue.root
    return (
        first is not None
        and first.start == att.cue.end
        and first[0].lower_ == "to"
        and first[0].pos_ == "PART"
        and any(c.dep_ == "aux:pass" for c in verb.children)
        and any(c.dep_.startswith("nsubj:pass") and c.i < att.cue.start for c in verb.children)
    )


def quoted_cue(
    ctx: DocContext, att: LearnedAttribution, content: tuple[int, int] | None, lo: int
) -> tuple[bool, bool]:
    """Whether the attribution is nested in a quotation (its cue's first word and its content inside one that
    opens in the cue's sentence, whose first token is ``lo``), and if so whether its source stands outside it.
    Such a cue is the quoted speaker's own report ('"…, and so the operator requested aid," the minister said');
    with a source outside the quotation the tagger joined a quoted word to the quoter ('"(The envoy) briefed
    the minister on …," the ministry said', the source "the ministry", the cue "briefed"). Not by the cue's
    first character (a dash cue may open with the closing mark, '…”― Ariana Huichapa'); and only a quotation
    of the cue's sentence that holds the content, as mixed or stray marks draw quotations wrong ('“no
    evidence" … adding that it would take "more hours”')."""
    word = next((t for t in att.cue if t.is_alpha), None)
    if word is None:
        return False, False
    q = next(((s, e) for s, e in ctx.quotes if s <= word.idx < e), None)
    if (
        q is None
        or q[0] < ctx.doc[lo].idx - 1
        or content is None
        or not q[0] <= content[0] < content[1] <= q[1]
    ):
        return False, False
    return True, att.source is not None and not q[0] <= att.source.start_char < q[1]
