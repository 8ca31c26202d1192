"""A personal pronoun's antecedent among the names of one sentence (issue 17): the sentence's subject before a
name in an oblique case after it ("Флоранс Девуар высказалась против идеи Уэйлса. Она сказала: …": Девуар, not
Уэйлса, whom the latest-name rule gives)."""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims.context import DocContext, Mention
from pipelines.nlp.claims.spans import inside

#: cases of a name that is not a clause's subject (Universal Dependencies' ``Case`` values)
OBLIQUE = frozenset({"Gen", "Dat", "Acc", "Ins", "Loc"})


def _case(ctx: DocContext, m: Mention) -> str | None:
    span = ctx.written(m)
    if span is None:
        return None
    cases = span.root.morph.get("Case")
    return cases[0] if cases else None


def _gender(tok: Token) -> str | None:
    genders = tok.morph.get("Gender")
    return genders[0] if len(genders) == 1 and tok.morph.get("Number") != ["Plur"] else None


def _subject_gender(name: Token) -> str | None:
    """A subject's gender by its past-tense verb, which agrees with it ("Иван Петров встретился": Masc); None
    otherwise, and when the tagger gives the name another gender: one of the two is wrong (the tagger's gender
    of a name is often wrong on foreign names, "Флоранс" Masc, and it can call a present-tense verb a feminine
    past, "Майстер розповідає")."""
    while name.dep_ in ("flat", "flat:name", "appos") and name.head.i != name.i:
        name = name.head  # "Министр Иван Петров": the title the parser made the subject
    if name.dep_.startswith("nsubj") and name.head.pos_ in ("VERB", "AUX"):
        by_verb, own = _gender(name.head), _gender(name)
        return by_verb if own is None or by_verb == own else None
    return None


def _main_verb(tok: Token) -> Token | None:
    """The finite verb heading the sentence of ``tok`` (its parse's root), or None."""
    root = tok.sent.root
    return root if root.pos_ in ("VERB", "AUX") and "Fin" in root.morph.get("VerbForm") else None


def subject_antecedent(ctx: DocContext, pronoun: Token, referent: Mention | None) -> Mention | None:
    """``referent``, the latest mention a personal ``pronoun`` may stand for, unless it is a name in an oblique
    case and a name of the same kind earlier in its sentence is in the nominative or before the sentence's
    main verb that the referent follows (the subject a pronoun subject of the next sentence goes on with);
    that name then, when its gender (by that verb, which agrees with its subject) is the pronoun's or either
    is unknown. Languages without articles (case-marked: ru, uk) with a parser only; English reads the same
    preference off the parse (:func:`_english_subject`)."""
    if referent is None or not ctx.has_dep:
        return referent
    if ctx.pack.articles:
        return _english_subject(ctx, referent)
    if _case(ctx, referent) not in OBLIQUE:
        return referent
    ref_span = ctx.written(referent)
    ref_start = ref_span.start if ref_span is not None else len(ctx.doc)
    wanted = _gender(pronoun)
    for m in reversed(ctx.history):
        if m.sent_index != referent.sent_index or m.char >= referent.char or m.addressee:
            continue
        if m.person != referent.person:
            continue
        span = ctx.written(m)
        if span is None:
            continue
        verb = _main_verb(span.root)
        before_verb = verb is not None and span.end <= verb.i < ref_start
        if _case(ctx, m) != "Nom" and not before_verb:
            continue  # (the tagger's case of a foreign name is often wrong: "Председатель фонда Флоранс Девуар")
        got = _gender(verb) if before_verb and verb is not None else _subject_gender(span.root)
        if wanted is None or got is None or got == wanted:
            return m
        return referent
    return referent


def disagrees(ctx: DocContext, pronoun: Token, referent: Mention | None) -> bool:
    """A person ``referent`` whose gender, told by the past-tense verb it is the subject of, is not the personal
    ``pronoun``'s ("Наталя прийшла … . Він сказав, що …": not Наталя). Languages without articles only; False
    when either gender is unknown."""
    if referent is None or ctx.pack.articles or not ctx.has_dep:
        return False
    if not referent.person:
        return False
    wanted = _gender(pronoun)
    span = ctx.written(referent)
    got = _subject_gender(span.root) if span is not None else None
    return wanted is not None and got is not None and got != wanted


def _main_subject(tok: Token) -> bool:
    """The subject of its sentence's main clause, or a name that opens the sentence before the main predicate,
    which the parser gave a relation of its own confusion ("Olena Marchuk, a former deputy minister, is …" read
    as a discourse marker)."""
    root: Token = tok.sent.root
    if tok.dep_ in ("nsubj", "nsubj:pass"):
        return bool(tok.head.i == root.i)
    return (
        tok.left_edge.i == tok.sent.start
        and tok.i < root.i
        and tok.head.i == root.i
        and tok.dep_ in ("dep", "discourse", "dislocated", "list", "parataxis", "vocative")
    )


def _english_subject(ctx: DocContext, referent: Mention) -> Mention:
    """``referent``, unless it is no speaker and not its main clause's subject and a mention of the same kind
    earlier in its sentence, outside quotation marks, is: that subject, whom a pronoun subject of a later
    sentence goes on with ("Olena Marchuk, a former minister, is the main critic of Lysenko, who defeated her. She
    said …": Marchuk)."""
    span = ctx.written(referent)
    if referent.speaker or span is None or _main_subject(span.root):
        return referent
    for m in reversed(ctx.history):
        if m.sent_index != referent.sent_index or m.char >= referent.char or m.addressee:
            continue
        if m.person != referent.person or inside(ctx.quotes, m.char, m.char + 1) > 0:
            continue  # (a name inside a quotation is what it is about)
        written = ctx.written(m)
        if written is not None and _main_subject(written.root):
            return m
    return referent
