"""Claimant resolution: the claimant phrase, pronouns and back-references, canonical names, types and sides.

A pronoun ("He said") or a definite back-reference ("the source", "the ministry", "этот источник",
"відомство") refers to the nearest compatible earlier mention (claimants first, then PER/ORG entities) in the
current and three previous sentences; an indefinite "a source" / "источник" / "джерело" is ``anonymous``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from pipelines.nlp.aliases import Alias
from pipelines.nlp.claims import titles
from pipelines.nlp.claims.antecedents import previous_subject
from pipelines.nlp.claims.canonical import morph, never_a_verb, nominative_name, nominative_phrase, surname_of
from pipelines.nlp.claims.context import DocContext, Mention
from pipelines.nlp.claims.mention_types import (  # (the names stay claimants' too: `claimants.noun_type`)
    alias_claimant_type as alias_claimant_type,
)
from pipelines.nlp.claims.mention_types import alias_side as alias_side
from pipelines.nlp.claims.mention_types import noun_type as noun_type
from pipelines.nlp.claims.mention_types import np_noun_type as np_noun_type
from pipelines.nlp.claims.mentions import (
    dative_name,
    possessor,
    quoted_name_across_stop,
    time_phrase,
    trim_phrase,
)
from pipelines.nlp.claims.phrases import before_trailing_setting
from pipelines.nlp.claims.pronouns import disagrees, subject_antecedent
from pipelines.nlp.claims.referents import resolve
from pipelines.nlp.claims.relatives import np_start as _np_start
from pipelines.nlp.claims.relatives import relative as relative
from pipelines.nlp.claims.relatives import relative_antecedent as relative_antecedent
from pipelines.nlp.claims.spans import (
    inside,
    subtree_range,
)
from pipelines.nlp.claims.words import word, year_number

_TRAILING_BREAK = re.compile(r"[\s.,;:]*\s$")


def remember_entities(ctx: DocContext, lo: int, hi: int, index: int, before: int | None) -> None:
    for ent in ctx.ents_starting(lo, hi):
        if ent.label_ in ("PER", "ORG"):
            # an entity that swallowed the paragraph break after it ("політики.\n\n") is remembered without it
            text = _TRAILING_BREAK.sub("", ent.text) or ent.text
            alias = lookup_alias(ctx, text)
            ctx.history.append(
                Mention(
                    text,
                    alias.canonical if alias else entity_canonical(ctx, text, ent.label_, index),
                    alias_claimant_type(alias) or ("person" if ent.label_ == "PER" else "organisation"),
                    alias_side(alias),
                    ent.label_,
                    index,
                    ent.start_char,
                    addressee=ent.label_ == "PER" and dative_name(ent),  # "журналісту Дмитру Гнапу"
                )
            )


def remember_claimant(ctx: DocContext, claimant: Mention | None, index: int, char: int) -> None:
    """Remember a resolved claimant (or nothing) for later back-references ("He said", "the source")."""
    if claimant is not None:
        at = claimant.char if claimant.written_at is None else claimant.written_at
        ctx.history.append(replace(claimant, sent_index=index, char=char, speaker=True, written_at=at))


def noun_phrase_range(
    ctx: DocContext, head: Token, lo: int, hi: int, stop: int | None = None
) -> tuple[int, int]:
    doc = ctx.doc
    if head.i in ctx.np_hint:
        s, e = ctx.np_hint[head.i]
        while s < e and (doc[s].lower_ in ctx.pack.determiners or doc[s].is_punct):
            s += 1
        while e > s and doc[e - 1].is_punct:
            e -= 1
        return s, e
    if stop is not None:
        if head.i < stop:
            hi = min(hi, stop)
        else:
            lo = max(lo, stop + 1)
    if ctx.has_dep:
        s, e = subtree_range(head, lo, hi)
    else:
        s, e = head.i, head.i + 1
        while (
            s - 1 >= lo
            and word(doc[s - 1])
            and (doc[s - 1].text[:1].isupper() or doc[s - 1].lower_ in ctx.pack.determiners)
        ):
            s -= 1
    # cut appositions, relative clauses and parentheses after the head
    for k in range(head.i + 1, e):
        if doc[k].text in (",", "(", "—", "–", ";", ":") or doc[k].lower_ in ctx.pack.relative_pronouns:
            e = k
            break
    for k in range(head.i - 1, s - 1, -1):
        if doc[k].text in (",", "(", "—", "–", ";", ":"):
            s = k + 1
            break
    while s < e and (doc[s].lower_ in ctx.pack.determiners or doc[s].is_punct):
        s += 1
    while e > s and doc[e - 1].is_punct:
        e -= 1
    return s, e


def claimant_from(
    ctx: DocContext,
    head: Token,
    lo: int,
    hi: int,
    index: int,
    np_range: tuple[int, int] | None = None,
    stop: int | None = None,
) -> tuple[Mention | None, tuple[int, int]]:
    doc = ctx.doc
    s, e = np_range if np_range is not None else noun_phrase_range(ctx, head, lo, hi, stop=stop)
    if np_range is not None:
        while s < e and (doc[s].lower_ in ctx.pack.determiners or doc[s].is_punct):
            s += 1
        while e > s and doc[e - 1].is_punct:
            e -= 1
    s, e, locative = trim_phrase(ctx, s, e)
    s = _organisation_start(ctx, _after_bracket(ctx, s, e), e, lo)
    if e - s > 2 and not ctx.pack.articles and ctx.has_pos:
        cut = before_trailing_setting(ctx, s, e)  # "премьер в речи перед министрами": where, not who
        if cut < e and not doc[cut].ent_type_ and doc[cut].is_lower:
            e = cut  # (not inside a name the tagger took a word of for a preposition: "Роберт Бровді")
    if e - s > 1 and not ctx.pack.articles:
        # when, not who: "Пресс-секретарь Кремля 5 мая" (never inside a name: "ветеран футбола Виктор Понедельник")
        e = next(
            (
                p
                for p in range(s + 1, e)
                if time_phrase(ctx, p, e)
                and not any(t.ent_type_ or t.text.istitle() for t in doc[p:e])
                and any(t.pos_ in ("NOUN", "PROPN") for t in doc[s:p])  # (not "в" of "в пятницу")
            ),
            e,
        )
        # and before it: "5 августа 2016 года ФК «Спартак» объявил" (the word after a year's number with it)
        s = max(
            (
                p
                for p in range(s + 1, e)
                if not doc[p].is_punct
                and (
                    time_phrase(ctx, s, p)
                    or (p - s > 2 and year_number(doc[p - 2]) and time_phrase(ctx, s, p - 1))
                )
            ),
            default=s,
        )
    quoted = quoted_name_across_stop(ctx, s, e) if e > s else None
    if quoted is not None:  # "Редакція «НГ. Львів» стверджувала": the outlet, not the city
        s, e = quoted
        text = doc[s:e].text
        alias = lookup_alias(ctx, text.strip("".join([*ctx.pack.open_quotes, *ctx.pack.close_quotes])))
        mention = Mention(
            text,
            alias.canonical if alias else None,
            alias_claimant_type(alias) or "organisation",
            alias_side(alias),
            "ORG",
            index,
            doc[s].idx,
        )
        return mention, (s, e)
    if not s <= head.i < e and e > s:
        head = next((t for t in doc[s:e] if t.pos_ in ("NOUN", "PROPN")), doc[e - 1])
    if e <= s or not doc[s:e].text.strip():
        return None, (s, s)  # (a no-break space is no claimant)
    if time_phrase(ctx, s, e):
        return None, (s, s)  # "«Наші гроші» у березні повідомили": a misparse's time phrase
    if e - s == 1:
        if doc[s].lower_ in ctx.pack.emphatic_reflexives and s > lo and doc[s - 1].pos_ == "PROPN":
            return claimant_from(ctx, doc[s - 1], lo, s, index)  # "Rick Santorum himself has acknowledged …"
        antecedent = relative_antecedent(ctx, doc[s])
        if antecedent is not None:
            # "Silva, who had claimed …": the relative pronoun stands for the noun it follows; like a resolved
            # personal pronoun, the claimant is that noun's mention and the span stays the pronoun as written
            start = _np_start(ctx, antecedent)
            for ent in ctx.ents_starting(max(0, antecedent.i - 5), antecedent.i + 1):
                if ent.start <= antecedent.i < ent.end and ent.end <= s:
                    # "Андрей Картаполов, который": the whole name, not the surname the parser hangs on the first
                    start = min(start, ent.start)
                    ctx.np_hint.setdefault(antecedent.i, (ent.start, ent.end))
            meant, _ = claimant_from(ctx, antecedent, start, max(s, antecedent.i + 1), index)
            return meant, (s, e)
        if relative(ctx, doc[s]):
            return None, (s, e)  # a relative pronoun without an antecedent: the span as written, no claimant
        if not_a_claimant(ctx, doc[s]):
            return None, (s, s)
    elif clause_or_topic(ctx, s, e):
        return None, (s, s)
    words = [t.lower_ for t in doc[s:e]]
    # pronouns
    if e - s == 1 and words[0] in ctx.lex.pronouns:
        if writers_pronoun(ctx, s, e):
            # "Я сообщаю, что …" outside quotes: the writer (a transcript's title names them)
            return None, (s, e)
        want = ctx.lex.pronouns[words[0]]
        if want == "any" and doc[s].morph.get("Person") == ["3"] and doc[s].morph.get("Number") == ["Plur"]:
            want = "group"  # "they", "они": never one person ("Republicans … say", not the Assad they named)
        referent = subject_antecedent(ctx, doc[s], resolve(ctx, want, index, doc[s].idx, prefer_speaker=True))
        if disagrees(ctx, doc[s], referent):
            referent = None  # "Наталя прийшла … . Він сказав": not her
        if referent is None:
            referent = previous_subject(ctx, doc[s], index, claimant_from)
        return referent, (s, e)
    # definite back-references: "the source", "the ministry", "этот источник", "відомство"
    ref = None if locative else back_reference(ctx, s, e)  # ("У прес-службі": the service that spoke)
    if ref is not None:
        # "the source", "the statement" go on with the one who spoke before, not the latest name in the report
        resolved = titles.titled(ctx, doc[e - 1], index, doc[s].idx) or resolve(
            ctx, ref, index, doc[s].idx, prefer_speaker=ref == "any"
        )
        if resolved is not None and (
            (_bare_title(ctx, resolved.text) and not titles.same_title(resolved.text, doc[e - 1]))
            or (ref == "ORG" and resolved.label == "NP" and resolved.type is None)
        ):
            # "Президент" is not the "премьер" of the sentence before (a name, or the same title), and "the post
            # office" is no noun phrase of no claimant type ("A boy … will send his letter …, the post office said")
            resolved = None
        if resolved is not None:
            return resolved, (s, e)
    # "a source in the ministry", "sources close to the Kremlin": anonymous, whatever they are close to
    if noun_type(ctx, head) == "anonymous":
        text = doc[s:e].text
        return Mention(text, None, "anonymous", np_side(ctx, s, e), "NP", index, doc[s].idx), (s, e)
    # a named entity inside the phrase
    ent = np_entity(ctx, head, s, e)
    if ent is not None and (ent.start > s or ent.end < e):
        whole = lookup_alias(ctx, doc[s:e].text)
        if whole is not None and whole.kind == "ORG":
            # the body the whole phrase names, not the name inside it ("у Повітряних силах ЗСУ": the Air Force)
            body = alias_claimant_type(whole) or "organisation"
            mention = Mention(
                doc[s:e].text, whole.canonical, body, alias_side(whole), "ORG", index, doc[s].idx
            )
            return mention, (s, e)
    if ent is not None:
        alias = lookup_alias(ctx, ent.text) or lookup_alias_suffix(ctx, ent.text)
        if alias is not None and ent.label_ == "PER" and alias.kind == "LOC":
            alias = None  # a person's name whose stem is a place's ("Николай" / "Николаев")
        typ: str | None = (
            alias_claimant_type(alias)
            or noun_type(ctx, head)
            or ("person" if ent.label_ == "PER" else "government" if ent.label_ == "LOC" else "organisation")
        )
        side = alias_side(alias) or np_side(ctx, s, e)
        label = ent.label_ if ent.label_ in ("PER", "ORG") else "ORG"
        canonical = alias.canonical if alias else entity_canonical(ctx, ent.text, ent.label_, index)
        return Mention(ent.text, canonical, typ, side, label, index, ent.start_char), (s, e)
    text = doc[s:e].text
    alias = lookup_alias(ctx, text) or lookup_alias_suffix(ctx, text)
    typ = alias_claimant_type(alias) or noun_type(ctx, head) or np_noun_type(ctx, s, e)
    side = alias_side(alias) or np_side(ctx, s, e)
    label = "PER" if typ == "person" else "NP"
    canonical = alias.canonical if alias else None
    if canonical is None:
        # a description ending in a person's name: "Директор одной из школ … Елена Савченко"
        named = [
            ent
            for ent in ctx.ents_within(s, e)
            if ent.label_ == "PER" and ent.end == e and not possessor(ctx, ent, head)
        ]
        if named:
            found = lookup_alias(ctx, named[-1].text)
            canonical = found.canonical if found else entity_canonical(ctx, named[-1].text, "PER", index)
    return Mention(text, canonical, typ, side, label, index, doc[s].idx), (s, e)


def _after_bracket(ctx: DocContext, s: int, e: int) -> int:
    """The start of [s, e) after the end of a bracket opened before it ("(Калифорния, США) Карен Казарян": the
    name after the bracket closes)."""
    closes = [k for k in range(s, e) if ctx.doc[k].text == ")"]
    if not closes or any(t.text == "(" for t in ctx.doc[s : closes[0]]) or closes[-1] + 1 >= e:
        return s
    return closes[-1] + 1


def _organisation_start(ctx: DocContext, s: int, e: int, lo: int) -> int:
    """The start of an organisation's or person's name the phrase [s, e) ends, when the name begins before it
    (from ``lo`` on): the parser took its last word for the subject ("В Воздушных силах ВСУ сообщили": ВСУ
    alone; "Министр финансов США Джек Лью подтвердил": Лью alone)."""
    if e <= s:
        return s
    for ent in ctx.ents_starting(max(lo, s - 6), s):
        if ent.label_ == "ORG" and ent.end == e and not ctx.pack.articles:
            return int(ent.start)
        if ent.label_ == "PER" and ent.end == e and all(_latin(t) == _latin(ctx.doc[s]) for t in ent):
            return int(ent.start)  # (not an outlet the NER joined to the name: "Reuters Буданов")
    return s


def _latin(tok: Token) -> bool:
    return bool(tok.text[:1].isascii())


def clause_or_topic(ctx: DocContext, s: int, e: int) -> bool:
    """Tokens [s, e) are no claimant phrase (issue 17: never a clause or a topic): they open with a finite verb,
    a relative pronoun ("в котором в частности"), or a conjunction or preposition of the pack's
    ``non_claimant_words`` ("что состояние … ухудшилось", "о возможности переноса …"). (An apposition with a
    relative clause inside is a claimant: "Joseph, who has four children".)"""
    toks = list(ctx.doc[s:e])
    if toks[0].lower_ in ctx.pack.non_claimant_words and toks[0].pos_ in ("ADP", "SCONJ"):
        return True
    if len(toks) > 1 and toks[0].pos_ == "PRON" and toks[0].lower_ in ctx.pack.non_claimant_words:
        return True  # "«…» — это лозунг, под которым …": a pronoun subject with its predicate noun
    lead = next((t for t in toks if t.pos_ != "PART"), toks[0])  # "не спадало …": the verb after a particle
    if "Fin" in lead.morph.get("VerbForm") and not never_a_verb(ctx.lang, lead.lower_):
        return True  # (not a noun the tagger calls a verb: "По данным журнала Us Weekly")
    first = next((t for t in toks if t.pos_ != "ADP"), None)  # "в котором …": a relative phrase
    return first is not None and relative(ctx, first)


def writers_pronoun(ctx: DocContext, s: int, e: int) -> bool:
    """Tokens [s, e) are first-person pronouns (the tagger's ``Person=1``) outside quotation marks: the writer's
    "I" or "we", which names no one a claimant could be resolved to (:mod:`.own_voice`)."""
    toks = ctx.doc[s:e]
    if len(toks) == 0 or inside(ctx.quotes, toks.start_char, toks.end_char) > 0:
        return False
    return all(t.morph.get("Person") == ["1"] for t in toks)


def not_a_claimant(ctx: DocContext, tok: Token) -> bool:
    """A word that alone never names who made a statement (issue 17): an unresolved relative pronoun, an
    interrogative, a demonstrative or negative pronoun ("this", "это", "ничего"), or a personal pronoun in the
    dative, the addressee ("нам", "мені"): the pack's ``non_claimant_words`` and ``relative_pronouns``."""
    return tok.lower_ in ctx.pack.non_claimant_words or relative(ctx, tok)


def np_entity(ctx: DocContext, head: Token, s: int, e: int) -> Span | None:
    ents = [
        ent
        for ent in ctx.ents_within(s, e)
        if ent.label_ in ("PER", "ORG", "LOC") and not (ent.label_ == "PER" and possessor(ctx, ent, head))
    ]
    if not ents:
        return None
    for k, ent in enumerate(ents):
        if ent.start <= head.i < ent.end:
            if ent.label_ == "LOC" and k > 0 and ents[k - 1].label_ == "ORG" and ents[k - 1].end == ent.start:
                # "МВД России": the body of the country the parse made its head, not the country
                return Span(ctx.doc, ents[k - 1].start, ent.end, label="ORG")
            return titles.person_after(ctx, ent, ents[-1], e) or _with_quoted_name(ctx, ent, e)
    # "US Secretary of State Antony Blinken": a title noun as head, the name inside the phrase
    if head.lower_ in ctx.pack.title_nouns or (
        head.i < ents[-1].start
        and all(
            t.lower_ in ctx.pack.title_nouns or t.text[:1].isupper() or t.lower_ in ctx.pack.title_joiners
            for t in ctx.doc[s : ents[-1].start]
        )
    ):
        pers = [x for x in ents if x.label_ == "PER"]
        if pers:
            return pers[-1]
        if not ctx.pack.articles and head.lower_ in ctx.pack.title_nouns and ents[-1].start > head.i:
            return None  # "Пресс-секретарь Кремля": the office holder, not the body after it
        # a place after the head names where, not who: "Полиция Нью-Йорка" is the police
        return ents[-1] if ents[-1].label_ != "LOC" else None
    if e - s <= 3 and ents[-1].end == e and ents[-1].label_ != "LOC":
        return ents[-1]
    return None


def _with_quoted_name(ctx: DocContext, ent: Span, e: int) -> Span:
    """``ent`` and the quoted name right after it, closed before token ``e`` ("ІА «Волинські новини»", "ТОВ
    «…»": a kind of body, then its name), or with the closing mark of a name it opens and leaves open ("ІА
    «Рівне вечірнє" to the tagger): the name is what tells the source."""
    doc = ctx.doc
    opened = sum(t.text in ctx.pack.open_quotes for t in ent) - sum(
        t.text in ctx.pack.close_quotes for t in ent
    )
    if opened == 1 and ent.end < len(doc) and doc[ent.end].text in ctx.pack.close_quotes:
        return Span(doc, ent.start, ent.end + 1, label=ent.label_)
    if ent.end >= e or doc[ent.end].text not in ctx.pack.open_quotes:
        return ent
    close = next((j for j in range(ent.end + 1, e) if doc[j].text in ctx.pack.close_quotes), None)
    if close is None or close == ent.end + 1:
        return ent
    return Span(doc, ent.start, close + 1, label=ent.label_)


def _bare_title(ctx: DocContext, text: str) -> bool:
    """A claimant phrase of one word that is itself a back-reference noun ("премьер", "президент"): a title
    without a name."""
    words = text.split()
    return len(words) == 1 and ctx.lex.back_refs.lookup_word(words[0], None) is not None


def back_reference(ctx: DocContext, s: int, e: int) -> str | None:
    doc = ctx.doc
    toks = list(doc[s:e])
    joined = sum(1 for t in toks[1:] if t.text == "-" and not t.whitespace_ and not doc[t.i - 1].whitespace_)
    if not toks or len(toks) - 2 * joined > 3:  # a hyphenated word is one: "турецкого премьер-министра"
        return None
    if any(t.ent_type_ for t in toks):
        return None
    head = toks[-1]
    ref = ctx.lex.back_refs.lookup_word(head.text, head.lemma_ or None)
    if ref is None:
        return None
    prev = doc[s - 1].lower_ if s > 0 else ""
    demonstrative = prev in ctx.pack.demonstratives or any(
        t.lower_ in ctx.pack.demonstratives for t in toks[:-1]
    )
    if prev in ctx.pack.indefinite_articles:
        return None
    needs = ctx.pack.back_reference_needs_demonstrative
    if not demonstrative and (needs is True or (needs and head.lower_.startswith(needs))):
        return None
    return str(ref)


def lookup_alias(ctx: DocContext, text: str) -> Alias | None:
    """The alias ``text`` names; in Russian and Ukrainian also by its nominative form ("Байденом" → "Байден")
    when the table's suffix-tolerant lookup misses it."""
    found = ctx.aliases.lookup(text, ctx.lang)
    if found is None and morph(ctx.lang) is not None and text[:1].isupper():
        nominative = nominative_name(ctx.lang, text)
        if nominative != text:
            found = ctx.aliases.lookup(nominative, ctx.lang)
    return found


def entity_canonical(ctx: DocContext, text: str, label: str, index: int) -> str | None:
    """The canonical name of a person or organisation entity the alias table does not know: its name in the
    nominative (:mod:`.canonical`); a surname alone takes the full name of the same person mentioned earlier
    in the article ("Савченко" → "Елена Савченко"), the first introduced of several; None for other labels."""
    if label not in ("PER", "ORG"):
        return None
    name = nominative_name(ctx.lang, text)
    if len(name.split()) == 1:
        # a surname or first name alone (also one the NER took for an organisation: "ФЕДОРОВ:") is the person
        # of that name mentioned earlier in the article ("Савченко", "Валентина" → "Елена Савченко", …); of
        # several people of one surname, the first introduced (news style names the others in full or by the
        # given name: "Simpson" is O.J. Simpson, not Nicole Brown Simpson mentioned later)
        key = name.casefold()
        for m in ctx.history:
            if m.sent_index > index or m.canonical is None or not m.person:
                continue
            full = m.canonical.split()
            if len(full) > 1 and key in (surname_of(m.canonical), full[0].casefold(), surname_of(m.text)):
                return m.canonical
    if label == "PER":
        return name
    if len(text.split()) == 1 and ctx.lex.claimant_nouns.lookup_word(text, None) is not None:
        return None  # a class noun the NER took for a name ("СМИ", "ЗМІ") names no one
    return nominative_phrase(ctx.lang, text)


def lookup_alias_suffix(ctx: DocContext, text: str) -> Alias | None:
    """The alias the end of ``text`` names ("US Secretary of State Antony Blinken" → Antony Blinken), unless
    the words before it contradict it: a place at the end of a longer name is not what the name names
    ("Радиостанции «Говорит Москва»" is no Moscow, "Полиция Нью-Йорка" no New York), and a person's surname
    after another given name is someone else ("Mark Hodges" is not Ben Hodges)."""
    found = ctx.aliases.lookup_suffix(text, ctx.lang)
    if found is None or ctx.aliases.lookup(text, ctx.lang) is not None:
        return found
    if found.kind == "LOC":
        return None
    words = [w.strip("«»\"'“”,.") for w in text.split()]
    if found.kind == "PER" and len(words) >= 2:
        given = words[-2]
        if (
            given[:1].isupper()
            and given.isalpha()
            and given.casefold() not in ctx.pack.title_nouns
            and ctx.lex.claimant_nouns.lookup_word(given, None) is None
            and lookup_alias(ctx, given) is None
            and lookup_alias(ctx, f"{given} {words[-1]}") is None
        ):
            return None  # a given name the alias table does not pair with this surname
    return found


def np_side(ctx: DocContext, s: int, e: int) -> str | None:
    for t in ctx.doc[s:e]:
        v = ctx.lex.sides.lookup_word(t.text, t.lemma_ or None)
        if v is not None:
            return str(v)
        alias = lookup_alias(ctx, t.text) if t.text[:1].isupper() else None
        side = alias_side(alias)
        if side:
            return side
    return None
