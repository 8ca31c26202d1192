"""Validity checks of the claim layer (issue 17): what may be a claimant and what is a reported proposition.

A claimant is a person, organisation or group mention, a resolved pronoun or an anonymous-source noun, never a
bare pronoun, an interrogative, a place or a clause (:func:`usable_subject`, with
:func:`~pipelines.nlp.claims.claimants.claimant_from`); a content is the reported proposition, not an object
noun phrase of a verb that reports nothing (:func:`reported_content`), and stops before a source tail it ran
into (:func:`before_source_tail`). Used by :mod:`.attribution` and :mod:`.learned_claims`.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims import claimants
from pipelines.nlp.claims.clauses import names_event
from pipelines.nlp.claims.context import DocContext


def usable_subject(ctx: DocContext, tok: Token | None) -> Token | None:
    """``tok`` unless it cannot name a claimant: a word of the pack's ``non_claimant_words`` ("это", "nothing",
    "нам"), a relative pronoun with no antecedent in the parse, or a noun in the dative (the addressee:
    "сказала журналистам")."""
    if tok is None:
        return None
    if claimants.not_a_claimant(ctx, tok) and not claimants.relative(ctx, tok):
        return None  # (a relative pronoun is resolved to its antecedent, or kept with no claimant)
    if "Dat" in tok.morph.get("Case") and tok.pos_ in ("NOUN", "PRON") and not tok.ent_type_:
        return None  # (not a name: taggers give names the dative by mistake, "Роберт Бровді")
    return tok


def relative_clause(ctx: DocContext, cue: Token, subj: Token | None) -> bool:
    """The cue heads a relative clause: its subject is the relative pronoun ("Silva, who had claimed …"), or
    a relative pronoun opens its subtree ("заявление, в котором говорится, что …")."""
    if not ctx.has_dep:
        return False
    if subj is not None and subj.i < cue.i and claimants.relative_antecedent(ctx, subj) is not None:
        return True
    # "видеообращение, в котором сообщал, что …", "заявление, в котором говорится, что …": the relative
    # pronoun opens the cue's phrase (after punctuation and a preposition), not a clause inside its subject
    for t in ctx.doc[cue.left_edge.i : cue.i]:
        if t.is_punct or t.pos_ == "ADP":
            continue
        return claimants.relative(ctx, t)
    return False


def proposition(ctx: DocContext, c_lo: int, c_hi: int) -> bool:
    """Tokens [c_lo, c_hi) hold a predicate: they follow a complementizer or are the cue's clausal complement, or
    hold a finite verb, a short adjective or participle ("закрыт"), or a subject with its head inside them (a
    verbless clause, "ситуация — стабильная"). Without one the content is an object noun phrase ("denied the
    rumours", "отметили три сферы: …") or an infinitive ("called on voters to end the boycott"), which
    :func:`reported_content` weighs. True without a tagger."""
    if not ctx.has_pos:
        return True
    doc = ctx.doc
    k = c_lo - 1
    while k >= 0 and doc[k].is_punct:
        k -= 1
    if (k >= 0 and doc[k].lower_ in ctx.pack.complementizers) or doc[c_lo].lower_ in ctx.pack.complementizers:
        return True  # a complement clause ("объявил, что покинет …"), whatever the tagger made of its verb
    for t in doc[c_lo:c_hi]:
        if t.dep_ in ("ccomp", "csubj") and not c_lo <= t.head.i < c_hi:
            return True
        if "Fin" in t.morph.get("VerbForm") or "Short" in t.morph.get("Variant"):
            return True
        if t.pos_ in ("VERB", "AUX") and t.morph.get("Mood"):
            return True
        if ctx.has_dep and t.dep_.startswith(("nsubj", "csubj")) and c_lo <= t.head.i < c_hi and t.head != t:
            head = t.head
            nonfinite = head.pos_ in ("VERB", "AUX") and not any(
                "Fin" in a.morph.get("VerbForm") for a in head.children if a.dep_.startswith("aux")
            )
            if not nonfinite:  # "voters to end the boycott", "that OSCE prohibit …": an appeal, a demand
                return True
    return False


def before_source_tail(ctx: DocContext, cue: Token, c_lo: int, c_hi: int) -> int:
    """The end of a content (tokens [c_lo, c_hi)) before a source tail it ran into: another reporting verb
    of the sentence whose subject follows a comma and which ends the content ("called on its voters to end the
    boycott, officials said": the tail is the officials' attribution, not part of what the party said)."""
    if not ctx.has_dep:
        return c_hi
    doc = ctx.doc
    for t in doc[c_lo + 1 : c_hi]:
        if t.i == cue.i or t.i not in ctx.cue_meta or t.right_edge.i + 1 < c_hi - 1:
            continue
        subjects = [c for c in t.children if c.dep_.startswith("nsubj") and c_lo < c.i < t.i]
        if subjects:
            comma: int = subjects[0].left_edge.i - 1
            if comma > c_lo + 1 and doc[comma].text == ",":
                return comma
    return c_hi


def source_like(ctx: DocContext, subj: Token | None) -> bool:
    """``subj`` can be a source of what a cue flagged ``clause`` shows with a noun phrase ("polls show Clinton
    ahead", "It shows an officer aiming …"): a pronoun, a name, a claimant or title noun, or a document noun of
    the pack (``document_nouns``: poll, report, video, опрос …); not an event ("the detention showed …")."""
    if subj is None:
        return False
    if subj.pos_ in ("PRON", "PROPN") or subj.ent_type_ in ("PER", "ORG", "NORP"):
        return True
    if any(
        c.dep_ in ("compound", "nmod:poss", "poss") and (c.pos_ == "PROPN" or c.ent_type_)
        for c in subj.children
    ):
        return True  # "The Clinton campaign", "Ukraine's General Staff"
    words = {subj.lower_, (subj.lemma_ or "").lower()}
    return bool(words & (ctx.pack.document_nouns | ctx.pack.title_nouns)) or (
        claimants.noun_type(ctx, subj) is not None
    )


def reported_content(
    ctx: DocContext,
    cue: Token,
    flags: frozenset[str],
    c_lo: int,
    c_hi: int,
    subj: Token | None = None,
) -> bool:
    """False for content (tokens [c_lo, c_hi), not quoted) that is no reported proposition although a cue
    governs it (issue 17): without a predicate (:func:`proposition`), the object of a cue flagged ``proposition``
    (a verb that also means something else: "отметит своё пятнадцатилетие", "объявил о инициативе"), the object of a cue flagged ``clause`` ("the detention showed China's determination …"), the infinitive or
    phrase after a passive cue ("results are expected | to be released …"), or a list after a colon that follows
    the cue's object ("отметили три сферы: политическую, …"). An object of an assertive cue
    stays a claim ("denied the charges", "прогнозують зниження ставки"), as do verbless headlines and
    existentials ("Постраждалих немає")."""
    if not ctx.has_pos or proposition(ctx, c_lo, c_hi) or names_event(ctx, c_lo, c_hi):
        return True  # a nominalised event is reported too ("не подтвердил потерю города")
    doc = ctx.doc
    k = cue.i + 1
    while k < c_lo and doc[k].is_punct and doc[k].text != ":":
        k += 1
    if k < len(doc) and doc[k].text == ":" and k <= c_lo:
        return True  # a colon right after the cue opens what was said ("Министр подчеркнул: ПВО — приоритет")
    if "proposition" in flags or ("clause" in flags and not source_like(ctx, subj)):
        return False
    first = next((t for t in doc[c_lo:c_hi] if t.is_alpha), None)
    infinitive = first is not None and (first.tag_ == "TO" or "Inf" in first.morph.get("VerbForm"))
    if (
        ctx.has_dep
        and infinitive
        and any(c.dep_ in ("aux:pass", "nsubj:pass", "auxpass", "nsubjpass") for c in cue.children)
        and not any(c.dep_ in ("obl:agent", "agent") for c in cue.children)
    ):
        return False  # "are expected | to be released", "was admitted | to hospital": no subject in it
    first = c_lo
    while first < c_hi and doc[first].is_punct and doc[first].text != ":":
        first += 1
    colon = first if first < c_hi and doc[first].text == ":" else first - 1
    return not (
        cue.i + 1 < colon
        and doc[colon].text == ":"
        and any(t.pos_ in ("NOUN", "PROPN", "NUM") for t in doc[cue.i + 1 : colon])
    )
