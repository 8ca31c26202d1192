"""Attribution by "according to" phrases ("according to", "по данным", "за даними", "как сообщил X", "По его
словам", and sources after the report: "…, свідчать дані X", "…, говорится в докладе X"): the claimant is the
noun phrase after the phrase, the content the rest of the sentence on the other side."""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims import claimants, enrichment
from pipelines.nlp.claims.addressees import past_told_outlet
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.mentions import dictionary_cases
from pipelines.nlp.claims.phrases import (
    after_medium,
    clause_after_conjunction,
    head_guess,
    skip_adverbials,
    written_span,
)
from pipelines.nlp.claims.spans import inside, span_root, strip_span, tok_range_chars
from pipelines.nlp.claims.words import name_word, word
from pipelines.nlp.links import LINK


def find_according_to(ctx: DocContext, lo: int, hi: int) -> tuple[int, int, int, str] | None:
    """(phrase start, claimant-phrase end, phrase end, phrase) of an 'according to' phrase."""
    doc = ctx.doc
    words, lemmas = ctx.words[lo:hi], ctx.lemmas[lo:hi]
    # "как сообщил X, …", "як повідомляє X, …": any reporting verb after как/як; the cue is its lemma
    for k in range(lo, hi - 2):
        if doc[k].lower_ in ctx.pack.manner_conjunctions and (k == lo or doc[k - 1].text in (",", "—", "–")):
            m = ctx.lex.cues.match_at([doc[k + 1].text], [doc[k + 1].lemma_ or None], 0)
            if m is not None:
                b = k + 2
                if b < hi and ctx.has_pos and doc[b].pos_ == "ADP":
                    b += 1  # "Как говорится в пресс-релизе, …": the preposition is the cue's
                j = b
                while j < hi and not (doc[j].is_punct and doc[j].text not in ("-", "«", "»", '"', "“", "”")):
                    j += 1
                if j > b:
                    return k, j, b, str(m[1][0])
    # "По его словам, …", "За її словами, …": a possessive pronoun inside a two-word phrase is the claimant;
    # returned as (phrase start, phrase end, pronoun, phrase) and told apart by according_claim
    for k in range(lo, hi - 3):
        if doc[k + 1].lower_ not in ctx.lex.pronouns or doc[k + 3].text != ",":
            continue
        m = ctx.lex.according_to.match_at(
            [doc[k].text, doc[k + 2].text], [doc[k].lemma_ or None, doc[k + 2].lemma_ or None], 0
        )
        if m is not None and m[0] == 2 and not inside(ctx.quotes, doc[k].idx, doc[k].idx + 1):
            return k, k + 3, k + 1, str(m[1])
    for s, e, phrase in ctx.lex.according_to.find_all(words, lemmas) + _with_modifiers(ctx, lo, hi):
        a, b = lo + s, lo + e
        if inside(ctx.quotes, doc[a].idx, doc[a].idx + 1) > 0:
            continue
        if (
            phrase in ctx.pack.according_to_after_comma
            and a > lo
            and doc[a - 1].lower_ in ctx.pack.manner_conjunctions
        ):
            a -= 1  # "Як йдеться в повідомленні, …"
        elif phrase in ctx.pack.according_to_after_comma and not (
            a > lo and doc[a - 1].text in (",", "—", "–")
        ):
            continue  # "…, свідчать дані X", "«…», – йдеться в обґрунтуванні"
        j = _link_label_end(ctx, b, hi) or b  # "According to [Reuters](https://…), …": the link's label
        while j < hi and not (
            doc[j].is_punct and doc[j].text not in ("'", "’", "-", "«", "»", '"', "“", "”")
        ):
            if j > b and (_clause_subject(ctx, j) or _predicate_after_source(ctx, j)):
                break  # "За даними слідства невстановлені особи … розтратили …": no comma after the source
            j += 1
        if j > b and j + 2 < hi and doc[j].text == "," and not ctx.pack.articles:
            # "По словам мужа погибшей, Дэвида Маккина, …": the name in apposition is the source's, not the report's
            name = next((x for x in ctx.ents_starting(j + 1, j + 2) if x.label_ == "PER"), None)
            if name is not None and name.end < hi and doc[name.end].text == ",":
                j = name.end
        if j == b:
            if phrase in ctx.pack.according_to_after_comma and b - a >= 3 and doc[b - 1].pos_ != "ADP":
                # "«…», – йдеться в обґрунтуванні.": no owner after the document, the document is the source
                return a, b, b - 1, str(phrase)
            continue
        return a, j, b, str(phrase)
    return None


def _nominative_pronoun(ctx: DocContext, t: Token) -> bool:
    """A personal pronoun in the nominative, in a language without articles ("он", "вона")."""
    return (
        not ctx.pack.articles
        and t.pos_ == "PRON"
        and t.lower_ in ctx.lex.pronouns
        and t.morph.get("Case") == ["Nom"]
    )


def _clause_subject(ctx: DocContext, j: int) -> bool:
    """Token ``j``, after an "according to" phrase's source in an oblique case, opens the clause it reports: a
    lower-case noun or adjective in the nominative only with a finite verb after it ("За даними слідства
    невстановлені особи … розтратили …"), where the writer left out the comma."""
    t = ctx.doc[j]
    if not ctx.has_pos or not t.text[:1].islower():
        return False
    if _nominative_pronoun(ctx, t):
        # "По словам его сестры Марины Котовой он уехал утром": a personal pronoun subject (languages
        # without articles; English puts a comma after the source)
        nxt = ctx.doc[j + 1] if j + 1 < len(ctx.doc) else None
        return nxt is not None and nxt.pos_ in ("VERB", "AUX") and "Fin" in nxt.morph.get("VerbForm")
    if t.pos_ not in ("NOUN", "ADJ", "DET"):
        return False
    cases = t.morph.get("Case")
    if "Nom" in ctx.doc[j - 1].morph.get("Case"):
        return False
    if cases != ["Nom"]:
        # the tagger's case of a subject after a quoted name is often wrong ("За даними «ВДЗ» фірма …", a
        # genitive to it): a noun right after the name's closing mark that the dictionary allows only in the
        # nominative
        after_name = ctx.doc[j - 1].text in ctx.pack.close_quotes and t.pos_ == "NOUN"
        if not (after_name and dictionary_cases(ctx, t) == {"nomn"}):
            return False
    for u in ctx.doc[j + 1 : j + 12]:
        if u.is_punct and u.text not in ("«", "»", '"', "“", "”"):
            return False
        if _nominative_pronoun(ctx, u):
            # a pronoun subject later ("… его супруги Валентины Бондаревой он скончался"): the noun is the source's
            return False
        if u.pos_ in ("VERB", "AUX") and "Fin" in u.morph.get("VerbForm"):
            return True  # a finite verb after it, before any comma: the clause's predicate
    return False


def _predicate_after_source(ctx: DocContext, j: int) -> bool:
    """Token ``j`` is a finite verb right after a source noun in an oblique case: the predicate of the clause
    the phrase stands in, with no comma after the source ("будинок, що за даними слідства належить X")."""
    t, before = ctx.doc[j], ctx.doc[j - 1]
    if not ctx.has_pos or t.pos_ not in ("VERB", "AUX") or "Fin" not in t.morph.get("VerbForm"):
        return False
    cases = before.morph.get("Case")
    return before.pos_ in ("NOUN", "PROPN") and bool(cases) and "Nom" not in cases


def _reported_clause(ctx: DocContext, j: int, hi: int) -> tuple[int, int] | None:
    """When the verb at token ``j`` takes a complement clause right after it ("писало, что …"), that clause
    (tokens up to ``hi``); else None."""
    doc = ctx.doc
    k = j + 1
    while k < min(hi, j + 5) and (doc[k].is_punct or doc[k].pos_ in ("ADP", "PRON", "DET")):
        k += 1  # (", что …", "о том, что …", "про те, що …")
    if k + 1 < hi and doc[k].lower_ in ctx.pack.complementizers:
        return k + 1, hi
    return None


def _with_modifiers(ctx: DocContext, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Matches of a three-word phrase after a comma whose noun has adjectives before it ("«…», – йдеться в
    конкурсній документації", "говорится в совместном заявлении"): (start, end, phrase) relative to ``lo``,
    the adjectives and determiners between the preposition and the noun skipped."""
    if not ctx.has_pos:
        return []
    doc = ctx.doc
    out: list[tuple[int, int, str]] = []
    for k in range(lo + 1, hi - 3):
        if doc[k + 2].pos_ not in ("ADJ", "DET") or doc[k - 1].text not in (",", "—", "–"):
            continue
        m = k + 2
        while m < hi and doc[m].pos_ in ("ADJ", "DET"):
            m += 1
        if m >= hi or m - k > 5:
            continue
        picked = [doc[k], doc[k + 1], doc[m]]
        found = ctx.lex.according_to.match_at([t.text for t in picked], [t.lemma_ or None for t in picked], 0)
        if found is not None and found[0] == 3 and str(found[1]) in ctx.pack.according_to_after_comma:
            out.append((k - lo, m + 1 - lo, str(found[1])))
    return out


def _link_label_end(ctx: DocContext, b: int, hi: int) -> int | None:
    """The "]" that closes the label of a Markdown link opening at token ``b`` (:mod:`pipelines.nlp.links`),
    or None."""
    doc = ctx.doc
    if b >= hi or doc[b].text != "[":
        return None
    m = LINK.match(ctx.text, doc[b].idx)
    if m is None:
        return None
    end = next((k for k in range(b + 1, hi) if doc[k].idx >= m.end("label")), None)
    return end if end is not None and doc[end].text == "]" and end > b + 1 else None


def according_claim(
    ctx: DocContext, acc: tuple[int, int, int, str], lo: int, hi: int, index: int
) -> Claim | None:
    a, j, b, phrase = acc
    doc = ctx.doc
    infix = b == a + 1 and j == a + 3 and doc[b].lower_ in ctx.lex.pronouns
    if infix:  # "По его словам": the pronoun is the claimant, the cue the phrase around it
        claimant, claimant_rng = claimants.claimant_from(ctx, doc[b], b, b + 1, index, np_range=(b, b + 1))
        b = j
    else:
        b = after_medium(ctx, skip_adverbials(ctx, b, j), j)  # "Як заявив в інтерв'ю Reuters Буданов, …"
        if not ctx.pack.articles:
            b = past_told_outlet(
                ctx, b, j, nominative=True
            )  # "Как рассказал ТАСС источник в правительстве, …"
        # claimant: the head of the noun phrase after the phrase
        head = span_root(doc, b, j) if ctx.has_dep else None
        if head is None or not name_word(head):
            head = head_guess(ctx, b, j)
            if head is None:
                return None
        if claimants.clause_or_topic(ctx, b, j):
            return None  # "мені й на думку не спадало …": an idiom before a clause names no source
        claimant, claimant_rng = claimants.claimant_from(ctx, head, b, j, index, np_range=(b, j))
        named = [x for x in ctx.ents_within(b, j) if x.label_ == "PER" and x.end == j and x.start > b]
        if named and not ctx.pack.articles and doc[named[-1].start - 1].text == ",":
            # "По словам мужа погибшей, Дэвида Маккина, …": the name in apposition
            ent = named[-1]
            claimant, claimant_rng = claimants.claimant_from(
                ctx, ent.root, ent.start, ent.end, index, np_range=(ent.start, ent.end)
            )
    # content: the other side of the sentence
    left = (lo, a)
    right = (j, hi)
    left_len = sum(1 for t in doc[left[0] : left[1]] if word(t))
    right_len = sum(1 for t in doc[right[0] : right[1]] if word(t))
    c_lo, c_hi = left if left_len >= right_len else right
    after = clause_after_conjunction(ctx, a, j, lo, hi) if right_len >= 2 else None
    if after is not None:
        c_lo, c_hi = after
    elif j < hi and a > lo and doc[a - 1].text != "," and _predicate_after_source(ctx, j):
        # the phrase without commas before its clause's predicate: "будинок, що за даними слідства належить X";
        # a verb with a complement clause reports that clause ("РБК со ссылкой на источники писало, что …")
        reported = _reported_clause(ctx, j, hi)
        c_lo, c_hi = reported if reported is not None else (lo, hi)
    elif _parenthetical(ctx, a, j, lo, hi, left_len, right_len):
        # "Петров тоже, по данным СМИ, может войти в список": the phrase inside the clause; both halves
        c_lo, c_hi = lo, hi
    on_left = (c_lo, c_hi) == left
    if on_left:
        c_hi = _before_outlet_cue(ctx, c_lo, c_hi)
    elif (c_lo, c_hi) == right and not infix and not (j < hi and _clause_subject(ctx, j)):
        c_lo = _after_participle(ctx, c_lo, c_hi)
    if c_hi <= c_lo or (on_left and sum(1 for t in doc[c_lo:c_hi] if word(t)) < 2):
        return None  # "Запоріжжя» з посиланням на дані …": a fragment of a source line, no report
    start, end = strip_span(ctx.text, *tok_range_chars(doc, c_lo, c_hi), ctx.pack)
    if end - start < 3:
        return None
    cue_text = doc[a:b].text
    lemma = phrase if "*" not in phrase else cue_text.lower()  # a phrase with a prefix: as written
    claim = enrichment.build_claim(
        ctx,
        index,
        lo,
        hi,
        start,
        end,
        # a quotation the phrase introduces is quoted ("По словам X, «…»", "Как сообщил X, «…»"); a sentence
        # that holds one is not ("Согласно сообщению X, судья заявила, что «…»"), nor a quotation before a
        # document's phrase ("«…», — говорится в записке": the document, according_to)
        "direct_quote"
        if not on_left and inside(ctx.quotes, start, end) > 0.8 and any(a <= start < b for a, b in ctx.quotes)
        else "according_to",
        lemma,
        cue_text,
        claimant,
        None,
        frozenset(),
        (c_lo, c_hi),
        cue_span=tok_range_chars(doc, a, b),
        claimant_span=written_span(ctx, *claimant_rng) if claimant_rng[1] > claimant_rng[0] else None,
    )
    claimants.remember_claimant(ctx, claimant, index, doc[a].idx)
    return claim


def _parenthetical(ctx: DocContext, a: int, j: int, lo: int, hi: int, left_len: int, right_len: int) -> bool:
    """Whether the phrase (tokens [a, j)) stands between commas inside one clause, its subject before it and
    its predicate after it ("Петров тоже, по данным СМИ, может войти в список"): neither half is a clause
    of its own (a verb on the right only, words on both sides)."""
    doc = ctx.doc
    if not ctx.has_pos or left_len == 0 or right_len == 0:
        return False
    if not (a > lo and doc[a - 1].text == "," and j < hi and doc[j].text == ","):
        return False
    verbs = ("VERB", "AUX")
    # a participle (or a tagger's infinitive) before the phrase qualifies the subject ("Втрати від акцизу, не стягнутого з …, на думку X,
    # обчислюються …"): no predicate of its own
    if any(t.pos_ in verbs and not set(t.morph.get("VerbForm")) & {"Part", "Conv", "Inf"} for t in doc[lo:a]):
        return False
    if _predicate_first(ctx, j + 1, hi) and any(t.pos_ in ("NOUN", "PROPN") for t in doc[lo:a]):
        # the clause goes on with its predicate right after the phrase ("Місцезнаходження організації,
        # зазначається в повідомленні ДФІ, не встановлено", "Вартість ділянки, за оцінками X, перевищує …"),
        # whatever case the tagger gave the subject
        return not _connective_only(ctx, lo, a)
    if not any(t.pos_ in verbs for t in doc[j:hi]):
        return False
    # the subject before the phrase, none after it: not an adverbial ("Тем временем, по оценкам X, войска …")
    first_verb = next(k for k in range(j, hi) if doc[k].pos_ in verbs)
    return any(_nominative(t) for t in doc[lo:a]) and not any(_nominative(t) for t in doc[j:first_verb])


def _predicate_first(ctx: DocContext, k: int, hi: int) -> bool:
    """Token ``k`` (after a negation or an adverb) is a finite verb: a verb of the tagger but a participle, or by the pack's verb ending
    on a word the tagger called a noun that has no nominal ending ("перевищує", not "кількість")."""
    doc = ctx.doc
    while k < hi and (doc[k].lower_ in ctx.lex.negations or doc[k].pos_ in ("ADV", "PART")):
        k += 1
    if k >= hi or not word(doc[k]) or not doc[k].text[:1].islower():
        return False
    t = doc[k]
    if t.pos_ in ("VERB", "AUX"):
        return not set(t.morph.get("VerbForm")) & {"Part", "Conv"}  # (the tagger calls some finite verbs Inf)
    pack = ctx.pack
    return (
        t.pos_ in ("NOUN", "ADJ", "X")
        and pack.verb_ending is not None
        and pack.verb_ending.search(t.lower_) is not None
        and (pack.nominal_ending is None or pack.nominal_ending.search(t.lower_) is None)
        and "Ins" not in t.morph.get("Case")
    )


def _connective_only(ctx: DocContext, lo: int, a: int) -> bool:
    """The words before the phrase are only a sentence connective ("Тим часом", "Meanwhile")."""
    words = " ".join(t.lower_ for t in ctx.doc[lo:a] if not t.is_punct)
    return words in ctx.pack.connectives


def _nominative(t: Token) -> bool:
    return t.pos_ in ("NOUN", "PROPN", "PRON") and "Nom" in t.morph.get("Case")


def _before_outlet_cue(ctx: DocContext, c_lo: int, c_hi: int) -> int:
    """The end of a content before an "according to" phrase without the outlet's own cue that closes it ("…,
    сообщает РБК со ссылкой на источники", "…, повідомляє «Інтерфакс-Україна» з посиланням на джерело"): the
    report ends at the comma before that cue."""
    doc = ctx.doc
    for k in range(c_hi - 1, c_lo, -1):
        if doc[k].text not in (",", "—", "–"):
            continue
        nxt = doc[k + 1] if k + 1 < c_hi else None
        if (
            nxt is not None
            and ctx.lex.cues.match_at([nxt.text], [nxt.lemma_ or None], 0) is not None
            and not inside(ctx.quotes, nxt.idx, nxt.idx + 1)
        ):
            return k
        break
    return c_hi


def _after_participle(ctx: DocContext, c_lo: int, c_hi: int) -> int:
    """The start of a content after an "according to" phrase without a participle or relative clause of the
    source that opens it ("Как говорится в сообщении, опубликованном на сайте суда, …", "За даними
    Мінфіну, яке розробило документ, …", "за інформацією агентства Reuters, яке посилається на …, …"): the
    report starts after the clause's closing comma."""
    doc = ctx.doc
    k = c_lo
    if k < c_hi and doc[k].text == ",":
        k += 1
    relative = k < c_hi and doc[k].lower_ in ctx.pack.relative_pronouns.difference(ctx.pack.complementizers)
    if not relative and not (
        k < c_hi
        and ctx.has_pos
        and "Part" in doc[k].morph.get("VerbForm")
        and "Short" not in doc[k].morph.get("Variant")  # "уничтожены три катера": a predicate
    ):
        return c_lo
    for m in range(k + 1, c_hi - 1):
        if doc[m].text == "," and any(t.pos_ in ("VERB", "AUX") for t in doc[m + 1 : c_hi]):
            return m + 1
    return c_lo


def cited(ctx: DocContext, phrase: str | None, start: int | None, found: list[Claim]) -> bool:
    """An "according to" ``phrase`` after a comma (at character ``start``) that follows a reporting verb's claim
    names that verb's source's source, not another claim: "A, the governor said, citing preliminary data"."""
    return (
        phrase is not None
        and start is not None
        and phrase.lower() in ctx.pack.according_to_after_comma
        and any(c.attribution != "according_to" and c.content_end <= start for c in found)
        and _cites_a_source(ctx, start, len(phrase))
    )


def _cites_a_source(ctx: DocContext, start: int, length: int) -> bool:
    """A phrase with a noun of its own names a source ("говорится в докладе"); a verb ("citing") does when
    its object does: a person or organisation, a source noun of the lexicon or a document ("citing preliminary
    data", "citing unnamed officials"), not grounds ("McConnell said, citing the release of political
    prisoners", which PolNeAR marks as his attribution)."""
    span = ctx.doc.char_span(start, start + length, alignment_mode="expand")
    if span is None or any(t.pos_ in ("NOUN", "PROPN") for t in span):
        return True
    after = ctx.doc[span.end : span.end + 8]
    # the object's head and the nouns before it ("its intelligence service"), else the first noun
    heads = [t for t in after if t.head.i in range(span.start, span.end) and t.dep_ in ("obj", "dobj")]
    head = heads[0] if heads else next((t for t in after if t.pos_ in ("NOUN", "PROPN")), None)
    if head is None:
        return False
    for tok in (head, *(c for c in head.children if c.dep_ in ("compound", "amod", "flat"))):
        if (
            tok.ent_type_ in ("PER", "PERSON", "ORG", "NORP")
            or tok.lemma_.lower() in ctx.pack.document_nouns
            or ctx.lex.claimant_nouns.lookup_word(tok.lower_, tok.lemma_.lower()) is not None
        ):
            return True
    return False
