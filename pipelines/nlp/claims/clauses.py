"""Clause-level checks of a reporting verb's source and report (issue 17): a source after a phrase naming where
it spoke ("В інтерв'ю Reuters Буданов заявив"), relative clauses ("…, який заявив, що …", "номер, який Софія
вказала"), whether what follows a cue states something or only names an object, and whether a sentence holds a
predicate at all (:func:`has_verb`)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipelines.nlp.claims import claimants, cues
from pipelines.nlp.claims.canonical import morph
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.impersonal import impersonal_form
from pipelines.nlp.claims.phrases import after_medium, head_guess
from pipelines.nlp.claims.spans import inside, subtree_range
from pipelines.nlp.claims.words import converb, word


def medium_subject(ctx: DocContext, cue: Token, lo: int) -> Token | None:
    """The subject of a cue after a phrase naming where the source spoke ("В інтерв'ю Reuters Буданов заявив",
    "В інтерв'ю виданню Politico Сибіга заявив"), when the parser did not find it after the outlet (it often
    joins outlet and name: "Reuters Буданов"); else None."""
    doc = ctx.doc
    m = next(
        (k for k in range(cue.i - 1, lo - 1, -1) if doc[k].lower_ in ctx.pack.media_words),
        None,
    )
    if (
        m is None
        or m == lo
        or doc[m - 1].pos_ != "ADP"  # "в інтерв'ю", "в эфире": not "интервью … опубликовал"
        or any((t.pos_ in ("VERB", "AUX") and not t.ent_type_) or t.text == "," for t in doc[m + 1 : cue.i])
    ):
        return None  # another clause between (a name the tagger took for a verb does not count)
    s = after_medium(ctx, m - 1, cue.i)
    if s <= m:
        return None
    e = cue.i
    while e > s and doc[e - 1].pos_ in ("ADV", "PART"):
        e -= 1
    if not any(
        t.ent_type_ in ("PER", "ORG") or (t.pos_ in ("NOUN", "PROPN") and "Nom" in t.morph.get("Case"))
        for t in doc[s:e]
    ):
        return None  # no one named there ("в интервью … 10 апреля опубликовал")
    if ctx.has_dep and any(c.dep_ == "nsubj" and s <= c.i < e for c in cue.children):
        return None  # the parser found the source after the outlet
    head = head_guess(ctx, s, e)
    if head is not None:
        ctx.np_hint[head.i] = (s, e)
    return head


def relative_clause(ctx: DocContext, cue: Token, lo: int) -> tuple[str, int] | None:
    """Whether the cue is in a relative clause, by the relative pronoun between the clause's comma and the cue:
    "subject" ("…, який заявив": resolved by cue_claim), "object" ("номер, який Софія вказала": it reports the
    noun before, no statement), "other" ("документы, в которых Кэтрин рассказала …": the clause bounds the
    report), with the clause's first token; or None."""
    doc = ctx.doc
    k = cue.i - 1
    while k >= lo and doc[k].text not in (",", ";", ":", "(", "—", "–"):
        lemma = (ctx.lemmas[k] or doc[k].lower_).lower()
        if lemma in ctx.pack.relative_pronouns or doc[k].lower_ in ctx.pack.relative_pronouns:
            if k > lo and doc[k - 1].pos_ == "ADP":
                return "other", k - 1
            accusative = "Acc" in doc[k].morph.get("Case")  # a pronoun without case (English) is never taken
            if ctx.has_dep:
                if doc[k].dep_.startswith("nsubj"):
                    return "subject", k
                if doc[k].dep_ in ("obj", "iobj") and doc[k].head.i == cue.i and accusative:
                    return "object", k
                return None
            return ("object" if accusative else "subject"), k
        k -= 1
    return None


def antecedent(ctx: DocContext, pronoun: Token, cue: Token, lo: int) -> Token | None:
    """The noun a relative clause ("…, який заявив", "…, которая сообщила") describes: the head the parser
    attached the clause to, else the noun phrase right before the comma before the pronoun; None when there is
    none in the sentence."""
    doc = ctx.doc
    if ctx.has_dep and cue.dep_.startswith("acl") and lo <= cue.head.i < pronoun.i:
        head = cue.head
        s, e = claimants.noun_phrase_range(ctx, head, lo, pronoun.i)
        while s < head.i and doc[s].pos_ == "ADP":
            s += 1  # "…, звертаюся до фермерів, які кажуть": the farmers, not "до фермерів"
        ctx.np_hint[head.i] = (s, max(e, head.i + 1))
        return head
    k = pronoun.i - 1
    if k <= lo or doc[k].text != ",":
        return None
    s = k
    while s - 1 >= lo and word(doc[s - 1]) and k - s < 6:
        s -= 1
    while s < k and ctx.has_pos and doc[s].pos_ == "ADP":
        s += 1
    if s >= k:
        return None
    head = head_guess(ctx, s, k)
    if head is not None:
        ctx.np_hint[head.i] = (s, k)
    return head


def proposition(ctx: DocContext, c_lo: int, c_hi: int) -> bool:
    """Whether content tokens [c_lo, c_hi) after a cue state something: a clause after "що"/"что"/":", a
    quotation, a finite verb, or a nominalised event ("не подтвердил потерю города"); not an object or a topic
    ("emphasised the need to …", "не підтвердив наявність досвіду"). (A report before its cue,
    "…, зазначається у зведенні", is a sentence of its own and is not asked.)"""
    doc = ctx.doc
    first = c_lo
    while first < c_hi - 1 and doc[first].is_punct and doc[first].text != ":":
        first += 1
    if first > 0 and (doc[first - 1].lower_ in ctx.pack.complementizers or doc[first - 1].text == ":"):
        return True
    if doc[first].lower_ in ctx.pack.complementizers or doc[first].text == ":":
        return True
    if inside(ctx.quotes, doc[c_lo].idx, doc[c_hi - 1].idx + len(doc[c_hi - 1].text)) > 0.5:
        return True
    if not ctx.has_pos or any(
        t.pos_ in ("VERB", "AUX") and "Inf" not in t.morph.get("VerbForm") for t in doc[c_lo:c_hi]
    ):
        return True
    return names_event(ctx, c_lo, c_hi)


def names_event(ctx: DocContext, c_lo: int, c_hi: int) -> bool:
    """Whether tokens [c_lo, c_hi) name an event of the vocabulary other than a statement or a decision: a
    nominalised event stays a claim ("не подтвердил потерю города"), as after a topic preposition."""
    words, lemmas = ctx.words[c_lo:c_hi], ctx.lemmas[c_lo:c_hi]
    return any(
        etype not in ctx.lex.not_topic_events for _, _, etype in ctx.lex.events.find_all(words, lemmas)
    )


def relative_opening(ctx: DocContext, c_lo: int, c_hi: int, subject_before: bool = False) -> bool:
    """A content [c_lo, c_hi) that opens a relative clause tells of a noun before it, not what was said (unless
    quoted, where the parse cut the quotation short): a relative pronoun first ("…заперечувало ТОВ «Пропріо-К»,
    яке, очевидно, є …"), or a complementizer right after a preposition ("визнав вину, за що йому
    призначено покарання", "про що подав заяву"; not a verb's particle: "pointed out that"). With
    ``subject_before`` (the cue's subject precedes it) a relative pronoun describes the cue's object ("accused X,
    who was born …, of …"): the report is elsewhere, not absent, and the pronoun is not taken as its sign."""
    doc = ctx.doc
    k = c_lo
    while k < c_hi and doc[k].is_punct:
        k += 1
    if k < c_hi and doc[k].lower_ in ctx.pack.relative_pronouns.difference(ctx.pack.complementizers):
        return not subject_before
    if k + 1 < c_hi and _case_preposition(doc[k]) and doc[k + 1].lower_ in ctx.pack.complementizers:
        return True  # "за що йому призначено …" as the content itself
    return c_lo >= 2 and doc[c_lo - 1].lower_ in ctx.pack.complementizers and _case_preposition(doc[c_lo - 2])


def _case_preposition(tok: Token) -> bool:
    return tok.pos_ == "ADP" and tok.tag_ != "RP" and tok.dep_ not in ("prt", "compound:prt")


def oblique(ctx: DocContext, subj: Token) -> bool:
    """The phrase taken as a cue's subject opens with a preposition ("Проти позову прокуратури заперечувало ТОВ
    …"): an oblique the parse or the token fallback mistook for the subject."""
    rng = ctx.np_hint.get(subj.i)
    first = ctx.doc[rng[0]] if rng else subj.left_edge
    return "ADP" in (subj.pos_, first.pos_) or any(c.dep_ == "case" for c in subj.children)


def has_verb(ctx: DocContext, lo: int, hi: int) -> bool:
    """Tokens [lo, hi) hold a predicate: a verb (unless the language's dictionary knows the word only as
    something else: "кладовищі" tagged VERB), a root with a verb ending the dictionary reads as a verb (the tagger
    missed it: "ворог втратив …" with "втратив" tagged NOUN), or a figure stated without a verb (below)."""
    if not ctx.has_pos:
        return True
    doc = ctx.doc
    return (
        any(
            (t.pos_ in ("VERB", "AUX") and not cues.never_a_verb(ctx.lang, t.lower_))
            or (t.dep_ == "ROOT" and cues.verb_ending(ctx, t))
            or short_predicate(ctx, t)
            for t in doc[lo:hi]
        )
        or _verbless_figure(ctx, lo, hi)
        or denial(ctx, lo, hi)
    )


def short_predicate(ctx: DocContext, t: Token) -> bool:
    """``t`` is a predicate the tagger calls an adjective or adverb: a short form ("Зафиксировано прямое
    попадание", "Город разрушен") or an impersonal form in -но/-то ("Зафіксовано пряме влучання")."""
    if t.pos_ == "ADJ" and "Short" in t.morph.get("Variant"):
        analyser = morph(ctx.lang)  # (not a numeral the tagger calls one: "вісімсот")
        return analyser is None or any(p.tag.POS in ("PRTS", "ADJS") for p in analyser.parse(t.lower_))
    return t.pos_ in ("ADV", "ADJ") and t.lower_.endswith(("но", "то")) and impersonal_form(ctx, t)


def denial(ctx: DocContext, lo: int, hi: int) -> bool:
    """Tokens [lo, hi) deny that something exists: one of the pack's ``gate.existential_negations`` next to a
    noun or participle it governs ("Пострадавших нет", "Загиблих немає", "На місці постраждалих немає")."""
    words = ctx.pack.gate.existential_negations
    doc = ctx.doc
    for k in range(lo, hi):
        if doc[k].lower_ in words:
            near = [doc[j] for j in (k - 1, k + 1) if lo <= j < hi]
            return any(t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") and word(t) for t in near)
    return False


def _verbless_figure(ctx: DocContext, lo: int, hi: int) -> bool:
    """A figure stated without a verb: a root noun, adjective or numeral after its subject, no colon between, and a
    numeral or digit in the sentence (Russian and Ukrainian drop the present-tense copula: "Це 60 відсотків усіх
    видатків", "Втрати ворога — 1200 осіб"). Verbless lines without a figure are captions, titles and
    fiction's exclamations more often than claims ("Могила … на … кладбище", "Дайджест недели: фронт, …")."""
    doc = ctx.doc
    if not any(t.pos_ == "NUM" or any(ch.isdigit() for ch in t.text) for t in doc[lo:hi]):
        return False
    for t in doc[lo:hi]:
        head = t.head
        if (
            t.dep_ == "nsubj"
            and head.dep_ == "ROOT"
            and head.pos_ in _VERBLESS_PREDICATES
            and t.i < head.i < hi
        ):
            return not any(u.text == ":" for u in doc[t.i : head.i])
    return False


#: parts of speech of a verbless clause's predicate (its root, with a subject)
_VERBLESS_PREDICATES = frozenset({"NOUN", "ADJ", "NUM"})


def comma_subject(ctx: DocContext, cue: Token, lo: int) -> Token | None:
    """The subject of a cue the parse gave none, found across a comma: a source read as what the cue modifies,
    a name before the cue, or the phrase before an aside (below)."""
    return (
        misread_as_modified(ctx, cue, lo) or name_before(ctx, cue, lo) or subject_before_aside(ctx, cue, lo)
    )


def misread_as_modified(ctx: DocContext, cue: Token, lo: int) -> Token | None:
    """The noun a cue was parsed as modifying (``acl``) when that noun's phrase follows a comma before the
    cue: a source misread ("A, a source in the Security Service told AFP, …"), the cue's subject if usable."""
    head = cue.head
    start = head.left_edge.i
    while start < head.i and ctx.doc[start].is_punct:
        start += 1  # (the parser hangs the comma on the noun)
    if cue.dep_ != "acl" or not lo < start <= head.i < cue.i or ctx.doc[start - 1].text != ",":
        return None
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    ctx.np_hint[head.i] = (start, cue.i)
    return head


def before_own_clause(ctx: DocContext, cue: Token, k: int, hi: int) -> int:
    """The end of a content [k, hi) after its cue: before a verb coordinated with the cue that has a subject of
    its own or follows a comma and a conjunction ("X заявил, что …, а глава МИДа Y отметил, что …", "X
    заявило про …, однак у ЗСУ … спростували": not X's report), unless a complementizer opens it ("and that …": a
    second complement)."""
    doc = ctx.doc
    if not ctx.has_dep:
        return hi
    later = [
        x
        for x in cue.children
        if x.dep_ == "conj"
        and k < x.left_edge.i < hi
        and x.pos_ in ("VERB", "AUX")
        and not any(c.dep_ == "mark" and c.lower_ in ctx.pack.complementizers for c in x.children)
        and (any(c.dep_.startswith("nsubj") and c.i < x.i for c in x.children) or _contrasted(doc, k, x))
        and not _object_and_clause(ctx, cue, x)
    ]
    if not later:
        return hi
    end: int = min(x.left_edge.i for x in later)
    while end > k + 1 and (
        doc[end - 1].is_punct or doc[end - 1].dep_ == "cc" or doc[end - 1].pos_ == "CCONJ"
    ):
        end -= 1
    return end


def _object_and_clause(ctx: DocContext, cue: Token, verb: Token) -> bool:
    """The parse made the first of two coordinated subjects the cue's object and their verb the cue's
    conjunct ("He said | only a new cabinet and a snap vote could rescue the economy": one
    complement): a cue of the pack's ``clause_only_cues`` without a complement clause, its object right before
    the conjunction, no punctuation between."""
    if (cue.lemma_ or cue.lower_).lower() not in ctx.pack.clause_only_cues or any(
        c.dep_ in ("ccomp", "xcomp") for c in cue.children
    ):
        return False
    obj = next((c for c in cue.children if c.dep_ == "obj" and c.i < verb.i), None)
    if obj is None:
        return False
    gap = ctx.doc[obj.right_edge.i + 1 : verb.i]
    return verb.left_edge.i == obj.right_edge.i + 1 and not any(t.is_punct for t in gap)


def _contrasted(doc: Doc, k: int, verb: Token) -> bool:
    """A comma and a conjunction right before ``verb``'s words: "…, but did not provide details"."""
    near = doc[max(k, verb.left_edge.i - 2) : verb.i]
    return any(t.text in (",", ";") for t in near) and any(t.pos_ == "CCONJ" or t.dep_ == "cc" for t in near)


def subject_before_aside(ctx: DocContext, cue: Token, lo: int) -> Token | None:
    """The noun phrase that opens the clause when the parse made the cue its conjunct and only an aside between
    commas stands between them ("Russia's defence ministry, for its part, | claimed …", "Ukraine's military,
    meanwhile, | reported …": the phrase is the cue's subject), or None."""
    doc = ctx.doc
    head = cue.head
    if cue.dep_ != "conj" or head.pos_ not in ("NOUN", "PROPN", "ADJ") or not lo <= head.i < cue.i - 3:
        return None
    aside = doc[head.i + 1 : cue.i]
    if aside[0].text != "," or aside[-1].text != "," or len(aside) > 8:
        return None
    if any(t.text in ",;:()" or t.pos_ in ("VERB", "AUX") for t in aside[1:-1]):
        return None  # (a list, or a clause of its own: "The ministry, which denied it, said …")
    start = head.left_edge.i
    if any(word(t) for t in doc[lo:start]) or start > head.i:
        return None
    ctx.np_hint[head.i] = (start, head.i + 1)
    return head


def name_before(ctx: DocContext, cue: Token, lo: int) -> Token | None:
    """The head of a person's name that ends right before a cue the parse gave no subject, after a comma or not,
    past adverbs and auxiliaries ("In a letter, one of the club's lawyers, Anna Price, said …", which
    the parse read as a list); None otherwise: for a name the parse makes an object or the end of a modifier
    ("a spokesman for the United Mine Workers, said"), or before a converb, which shares the subject of its
    verb ("attacked Trump, saying …")."""
    doc = ctx.doc
    if not ctx.pack.articles or converb(cue) or any(c.dep_.startswith("nsubj") for c in cue.children):
        return None  # (English: a Russian or Ukrainian parse finds such a subject, and its names inflect)
    k = cue.i - 1
    while k > lo and doc[k].pos_ in ("ADV", "AUX", "PART"):
        k -= 1
    if k > lo and doc[k].text == ",":
        k -= 1
    ent = next(
        (e for e in ctx.ents_starting(max(lo, k - 6), k + 1) if e.end == k + 1 and e.label_ == "PER"), None
    )
    if ent is None or inside(ctx.quotes, ent.start_char, ent.end_char) > 0:
        return None
    if ent.root.dep_.split(":")[0] in ("obj", "iobj", "obl", "nmod", "dobj", "pobj"):
        return None
    return ent.root


def told_clause(ctx: DocContext, cue: Token, k: int, hi: int) -> int | None:
    """The first token of what an English cue flagged ``addressee`` reports when the words from ``k`` open with
    whom it was told and a clause follows without "that" ("told reporters | the talks had failed", "told Reuters
    by telephone from Abuja | the request was received"): the token after the addressee's name and any
    prepositional or time phrase after it, when a noun phrase and a finite verb follow; None when a
    complementizer, an infinitive or a subordinating conjunction comes first ("told them to leave"), or the
    addressee does not open the words."""
    if not (ctx.pack.articles and ctx.has_dep) or "addressee" not in ctx.cue_flags(cue.i):
        return None
    doc = ctx.doc
    told = next((c for c in cue.children if c.dep_ in ("obj", "iobj") and c.i > cue.i), None)
    if told is None or told.pos_ not in ("NOUN", "PROPN", "PRON") or told.left_edge.i < k:
        return None
    if any(word(t) for t in doc[k : told.left_edge.i]):
        return None
    j = told.i + 1
    while j < hi and doc[j].dep_ in ("compound", "flat", "appos") and doc[j].head.i in (told.i, j + 1):
        j += 1  # ("told Interfax | news agency")
    j = _past_adjuncts(ctx, j, hi)
    if j >= hi or doc[j].pos_ not in ("DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ") or _relative(doc[j]):
        return None
    # (the first verb: finite, or a past form the parse took for a participle: "reporters the talks | failed")
    verb = next((t for t in doc[j:hi] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or not ({"Fin", "Past"} & {*verb.morph.get("VerbForm"), *verb.morph.get("Tense")}):
        return None
    if any(
        t.lower_ in ctx.pack.complementizers or t.pos_ in ("SCONJ", "PART") or t.text == ":"
        for t in doc[told.i + 1 : verb.i]
    ):
        return None
    return j


def _past_adjuncts(ctx: DocContext, j: int, hi: int) -> int:
    """Token ``j``, or the first after the prepositional and time phrases that start there ("on Monday", "by
    telephone from the capital Abuja"): a preposition, a determiner and the nouns after it, up to the next
    determiner."""
    doc = ctx.doc
    while j < hi:
        if time_word(ctx, doc[j]):
            j += 1
        elif doc[j].pos_ == "ADP":
            j += 1
            if j < hi and doc[j].pos_ == "DET":
                j += 1
            while j < hi and doc[j].pos_ in ("ADJ", "NOUN", "PROPN", "NUM"):
                j += 1
        else:
            return j
    return j


def time_word(ctx: DocContext, tok: Token) -> bool:
    """A time word or a weekday of the pack ("yesterday", "Monday")."""
    return tok.lower_ in ctx.pack.time_words or tok.lower_.startswith(tuple(ctx.pack.weekday_prefixes))


def _relative(tok: Token) -> bool:
    return "Rel" in tok.morph.get("PronType") or tok.dep_ == "mark"


def object_content(ctx: DocContext, cue: Token, k: int, lo: int, hi: int) -> tuple[int, int] | None:
    """The content a cue's object gives, from token ``k`` on: the clause after whom it was told
    (:func:`told_clause`), or the cue's object phrase ("share footage of …"; a dative object is the addressee,
    never the content); None when neither."""
    told = told_clause(ctx, cue, k, hi)
    if told is not None:
        return told, before_own_clause(ctx, cue, told, hi)
    if not ctx.has_dep:
        return None
    obj = next(
        (
            c
            for c in cue.children
            if c.dep_ in ("obj", "dobj") and c.i >= k and "Dat" not in c.morph.get("Case")
        ),
        None,
    )
    return subtree_range(obj, lo, hi) if obj is not None else None
