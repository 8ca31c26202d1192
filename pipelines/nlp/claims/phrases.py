"""Phrases of a report around its cue: the head of a noun phrase without a parse, time adverbials before a
post-verbal subject, a source named after the cue ("…, рассказал командир батальона"), content that is only
a topic ("did not comment on the attack"). Used by :mod:`.attribution` and :mod:`.labels`.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from pipelines.nlp.claims.addressees import past_quoted_outlet, past_told_outlet
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.mentions import time_phrase
from pipelines.nlp.claims.spans import inside, tok_range_chars
from pipelines.nlp.claims.words import abbreviation, bracketed_tag_end, converb, name_word, word


def written_span(ctx: DocContext, s: int, e: int) -> tuple[int, int]:
    """Characters of a claimant phrase as written, with its leading determiner ("the ministry") and, in a
    language with articles, the titles its phrase opens with ("Trump campaign spokesman Jason Miller") and an
    apposition after a comma ("Minyon Moore, a senior adviser to the campaign,"): an article and at most twelve
    more words, no verb, up to the sentence's end or a comma before the verb."""
    doc = ctx.doc
    if ctx.pack.articles and ctx.has_dep and e > s:
        # the words the name's phrase opens with ("Trump campaign spokesman | Jason Miller"): its left edge
        lo = doc[s:e].root.left_edge.i
        if lo < s and all(t.pos_ in ("PROPN", "NOUN", "ADJ", "DET", "NUM", "PART") for t in doc[lo:s]):
            s = lo
    if s > 0 and doc[s - 1].lower_ in ctx.pack.articles:
        s -= 1
    if (
        ctx.pack.articles
        and e + 2 < len(doc)
        and doc[e].text == ","
        and doc[e + 1].lower_ in ctx.pack.articles
    ):
        k = e + 2
        while k < min(len(doc), e + 14) and not (
            doc[k].text in (",", ".", ";") or doc[k].is_space or doc[k].pos_ in ("VERB", "AUX", "PRON")
        ):
            k += 1
        # it ends the sentence ("said X, a Y.") or stands before the verb ("X, a Y, said"), not before more of a
        # report ("According to officials, the strike on the port, the largest …")
        after = next((t for t in doc[k + 1 : k + 3] if t.pos_ != "ADV"), None)
        if k < len(doc) and (
            doc[k].text in (".", ";")
            or (doc[k].text == "," and after is not None and after.pos_ in ("VERB", "AUX"))
        ):
            e = k
    return tok_range_chars(doc, s, e)


def skip_adverbials(ctx: DocContext, i: int, hi: int) -> int:
    """Skip time adverbials before a post-verbal subject: "сообщил во вторник представитель …"."""
    doc = ctx.doc
    while i < hi:
        low = doc[i].lower_
        if low in ctx.pack.time_words:
            i += 1
        elif (
            low in ctx.pack.weekday_prepositions
            and i + 1 < hi
            and doc[i + 1].lower_.startswith(ctx.pack.weekday_prefixes)
        ):
            i += 2
        else:
            break
    return i


def head_guess(ctx: DocContext, s: int, e: int) -> Token | None:
    """The head word of a noun phrase without a parse, by the pack's ``noun_phrase_head`` rule:
    ``last_before_preposition`` ("a source in the ministry" → source) or ``first_non_adjective``
    ("Источник в силовых структурах" → Источник, "украинские военные" → военные)."""
    doc = ctx.doc
    words = [t for t in doc[s:e] if name_word(t) and t.lower_ not in ctx.pack.determiners]
    if not words:
        return None
    rule = ctx.pack.noun_phrase_head
    if rule.rule == "last_before_preposition":
        before: list[Token] = []
        for t in words:
            if t.lower_ in rule.prepositions and before:
                break
            before.append(t)
        return before[-1]
    adj = rule.adjective_endings
    for t in words:
        if not t.lower_.endswith(adj) or (t.text[:1].isupper() and t.i > s):
            return t
    return words[-1]


#: the cases of an outlet named after a media word ("інтерв'ю виданню", "в ефірі телемарафону", "в эфире
#: телеканала"); a source after it is in the nominative
_OUTLET_CASES = frozenset({"Dat", "Gen", "Loc", "Ins"})
_LATIN = re.compile(r"[A-Za-z]")
_AGE_WORD = re.compile(r"\d+-[^\W\d_]+")


def after_medium(ctx: DocContext, s: int, e: int) -> int:
    """The first token of tokens [s, e) after a phrase naming where a source spoke, when [s, e) starts with
    one ("в інтерв'ю Reuters", "в інтерв'ю виданню Politico", "у розмові з «Економічною правдою»", "в эфире
    телеканала"; its word one of the pack's ``media_words``), else ``s``. The outlet is a quotation, Latin
    script, an organisation entity, or nouns in an oblique case; the source starts at the first word that is
    none of these."""
    doc = ctx.doc
    m = s
    while m < e and m < s + 2 and doc[m].lower_ not in ctx.pack.media_words:
        m += 1
    if m >= e or m >= s + 2 or (m > s and doc[s].pos_ != "ADP"):
        return s
    j = m + 1
    while j < e:
        t = doc[j]
        if t.text in ctx.pack.open_quotes:
            k = j + 1
            while k < e and doc[k].text not in ctx.pack.close_quotes:
                k += 1
            if k >= e:
                break
            j = k + 1
            continue
        ent = next((x for x in ctx.ents_starting(j, j + 1) if x.label_ == "ORG" and x.end < e), None)
        if ent is not None:
            j = ent.end
        elif (
            t.pos_ in ("ADP", "PUNCT")
            or _LATIN.search(t.text)
            or (t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and _OUTLET_CASES & set(t.morph.get("Case")))
        ):
            j += 1
        else:
            break
    return j if j < e else s


def postposed_subject(ctx: DocContext, cue: Token, hi: int) -> Token | None:
    """ "<report>, CUE <source>.": a cue right after a comma (or a comma and a dash: "«…», – пожартував ведучий
    Білл Кравець") with only a noun phrase after it to the end of the sentence ("…, рассказал командир батальона",
    "…, said the minister"): that phrase is the source, whatever the parse says (not after a converb, whose
    object it is: "…, the governor said, calling the strike …")."""
    doc = ctx.doc
    p = _skip_spaces_back(ctx, cue.i - 1)
    if p < 0 or not (doc[p].text == "," or _dash_after_quotation(ctx, p)):
        return None
    if doc[p].text not in ctx.pack.close_quotes and _subject_verb_object(ctx, cue):
        return None  # ('"…," said X' inverts whatever the parse: "Both times …," said Viktor Holub)
    start = past_quoted_outlet(ctx, skip_adverbials(ctx, cue.i + 1, hi), hi) if not converb(cue) else hi
    j = _source_phrase_end(ctx, start, hi)
    tail = (
        not ctx.pack.articles
        and j - 1 > start
        and j < hi
        and doc[j - 1].text == ","
        and j in ctx.cue_meta
        and hi - j <= 6
    )
    if tail:
        # an outlet's short tail after the source: "— заявил Матиас Йорш, докладчик ПАСЕ, сообщает BBC."
        j -= 1
    elif j > start and j + 1 < hi and doc[j].text == "," and _relative_word(ctx, doc[j + 1]):
        # a relative clause about the source to the sentence's end: "— рассказала Наталья, которая работает …"
        j = hi - 1 if doc[hi - 1].text in (".", "!", "…", ";") else hi
    elif ctx.pack.articles and start < j < hi and _relative_word(ctx, doc[j]) and doc[j].dep_ != "mark":
        # and without a comma: "…, said Erin Purcell of Reagan Communications that represents …" (the source ends
        # before it)
        return head_guess(ctx, start, j)
    if j > start and doc[j - 1].text == "," and converb_tail(ctx, j - 1, hi) == j - 1:
        # a converb clause after the source, and the time it spoke: "…, сообщило Минэнерго в понедельник, добавив …"
        j = next((p for p in range(start + 1, j - 1) if time_phrase(ctx, p, j - 1)), j - 1)
    elif j == start or not (tail or j >= hi or doc[j].text in (".", "!", "…", ";")):
        return None
    if sum(1 for t in doc[start:j] if word(t)) > 12:
        # a long phrase is a source only before where or to whom it spoke: "— заявил певец в ходе встречи
        # с директором конкурса … Ириной Ким" (languages without articles)
        if ctx.pack.articles:
            return None
        j = before_trailing_setting(ctx, start, j)
        if j - start > 12:
            return None
    j = next((k for k in range(start + 1, j) if doc[k].text == ","), j)
    if j - 1 > start and doc[j - 1].text == ")":
        # a tag after the name is no part of it: "said Sen. Lindsey Graham (R-S.C.)"
        j = next((k for k in range(j - 2, start, -1) if doc[k].text == "("), j)
    # where the source spoke: "…, заявив в інтерв'ю Reuters Буданов"
    start = after_medium(ctx, start, j)
    # an addressee before the source: "рассказал РИА Новости глава ДНР …", "розповів нашому виданню …"
    while start < j and ("Dat" in doc[start].morph.get("Case") or doc[start].lower_ in ctx.pack.determiners):
        start += 1
    if (
        not ctx.pack.articles
        and start + 1 < j
        and doc[start].pos_ == "NOUN"
        and doc[start].morph.get("Case") == ["Acc"]
        and "Nom" in doc[start + 1].morph.get("Case")
        and doc[start + 1].pos_ in ("NOUN", "PROPN")
    ):
        start += 1  # the cue's object before the source: "— прокомментировал ситуацию председатель …"
    start = past_told_outlet(ctx, start, j)
    if start >= j or (doc[start].pos_ == "ADP" and doc[start].lower_ not in ctx.pack.place_prepositions):
        return None  # "рассказал нашему изданию о работе …": a topic, no source
    j = before_trailing_setting(ctx, start, j)
    head = head_guess(ctx, start, j)
    if head is not None:
        ctx.np_hint[head.i] = (start, j)
    return head


def _source_phrase_end(ctx: DocContext, start: int, hi: int) -> int:
    """The end of the words after a postposed cue that may name its source: nouns, names, titles and initials
    ("said Rep. G.K. Butterfield"), a bracketed tag ("(D-N.C.)"), an apposition after a comma."""
    doc = ctx.doc
    j = start
    while j < hi:
        tag_end = bracketed_tag_end(doc, j, hi) if j > start else None
        if tag_end is not None:
            j = tag_end
            continue
        if not (
            (
                word(doc[j])
                # "X": abbreviations a tagger takes for foreign words ("Генштаб ЗСУ", "ОВА"); a name the tagger
                # takes for a verb ("— прогнозирует Лолашвили")
                and (
                    not ctx.has_pos
                    or doc[j].pos_ in ("NOUN", "PROPN", "ADJ", "DET", "ADP", "NUM", "X")
                    or doc[j].ent_type_ in ("PER", "ORG")
                )
            )
            or (doc[j].text == "-" and not doc[j - 1].whitespace_ and j + 1 < hi and word(doc[j + 1]))
            or (doc[j].text in "«»\"'“”„" and j > start)
            # an age before the name: "— рассказала 38-летняя Наталья", "52-річний Іван"
            or (_AGE_WORD.fullmatch(doc[j].text) is not None and j + 1 < hi and word(doc[j + 1]))
            or (
                j > start and doc[j].like_num and doc[j].pos_ == "NUM"
            )  # "a driver with 30 years of …", "Schiff, 56"
            # an apposition after the source: "…," said Viktor Holub, a train driver; "— рассказала Наталья, мать …"
            or (
                doc[j].text == ","
                and j > start
                and j + 1 < hi
                and word(doc[j + 1])
                and not _relative_word(ctx, doc[j + 1])
            )
            or abbreviation(doc[j])
        ):
            break
        j += 1
    return j


def connective(ctx: DocContext, tok: Token) -> bool:
    """A sentence adverb such as "Meanwhile," that a parser mistook for a subject."""
    return tok.lower_ in ctx.pack.connectives and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].text == ","


def aside_before(ctx: DocContext, k: int) -> bool:
    """A connective between commas ends right before token ``k`` ("Мария Захарова, в свою очередь, | обвинила
    …", "X, however, | said …"): what precedes it is the subject of the verb at ``k``, never its report."""
    doc = ctx.doc
    if k < 3 or doc[k - 1].text != ",":
        return False
    j = k - 2
    while j >= 0 and doc[j].text != "," and k - 1 - j <= 4:
        j -= 1
    return j >= 1 and doc[j].text == "," and doc[j + 1 : k - 1].text.lower() in ctx.pack.connectives


def converb_tail(ctx: DocContext, k: int, hi: int) -> int | None:
    """The comma that opens a converb clause after a report's cue and source, at ``k`` or after a short adjunct
    (at most four words, no verb): "…, the ministry said on Monday, | forcing …", "…, повідомив губернатор, |
    посилаючись на …"; or an adverbial clause (the pack's ``report_tail_conjunctions``: "…, lawmakers said
    Friday, | as they bristled at …"); None when no such clause follows."""
    doc = ctx.doc
    for j in range(k, min(hi - 1, k + 5)):
        if doc[j].text == ",":
            return j if tail_opener(ctx, doc[j + 1]) else None
        if ctx.has_pos and doc[j].pos_ in ("VERB", "AUX"):
            return None
    return None


def tail_opener(ctx: DocContext, tok: Token) -> bool:
    """``tok`` opens a clause after a report's cue and source that is no part of the report: a converb, or one of
    the pack's ``report_tail_conjunctions`` ("…, lawmakers said, | as they …")."""
    return converb(tok) or tok.lower_ in ctx.pack.report_tail_conjunctions


def reporting_head(ctx: DocContext, cue: Token, lo: int) -> Token | None:
    """The reporting verb whose source a participle or converb cue shares: the cue's head when that is a cue
    ("the air force said on Tuesday, adding …"), else the cue of the words right before the participle's comma
    ("a source told AFP, saying …", where the parser hangs the participle on another verb)."""
    joined = cue.dep_ == "conj" or (cue.dep_ in ("advcl", "xcomp") and converb(cue))
    if joined and lo <= cue.head.i < cue.i and cue.head.i in ctx.cue_meta:
        return cue.head
    window = converb_window(ctx, cue, lo)
    if window is None:
        return None
    return next((ctx.doc[k] for k in range(window[1] - 1, window[0] - 1, -1) if k in ctx.cue_meta), None)


def converb_window(ctx: DocContext, cue: Token, lo: int) -> tuple[int, int] | None:
    """For a converb cue right after a comma, the tokens [start, comma) in which the reporting verb it continues
    may end: at most five back from the comma, none of them punctuation ("the air force said on Wednesday, |
    adding …"); None for another cue."""
    doc = ctx.doc
    comma = cue.i - 1
    if not converb(cue) or comma <= lo or doc[comma].text != ",":
        return None
    start = comma
    while start > max(lo, comma - 5) and not doc[start - 1].is_punct:
        start -= 1
    return start, comma


def _subject_verb_object(ctx: DocContext, cue: Token) -> bool:
    """In a language of fixed word order (the pack has articles), a cue with its own subject before it and an
    object after it heads a plain clause, not an inversion: "Deep State, an open … map, updated the first
    progress …" (the map updated; the object is not a source after the cue, the phrase before the comma is not
    its report). Languages of free word order keep the inversion rule, whatever the parse says."""
    if not ctx.pack.articles or not ctx.has_dep:
        return False
    kids = list(cue.children)
    return any(c.dep_ in ("nsubj", "nsubj:pass") and c.i < cue.i for c in kids) and any(
        c.dep_ in ("obj", "dobj") and c.i > cue.i for c in kids
    )


def before_trailing_setting(ctx: DocContext, start: int, j: int) -> int:
    """The end of a source phrase [start, j) before a prepositional phrase of where or to whom it spoke:
    after a name ("Зеленський на спільній пресконференції з …") or naming a medium ("президент у вечірньому
    зверненні"; the pack's ``media_words``)."""
    doc = ctx.doc
    for p in range(start + 1, j):
        if doc[p].pos_ != "ADP":
            continue
        if doc[p - 1].ent_type_ == "PER" or any(t.lower_ in ctx.pack.media_words for t in doc[p + 1 : p + 4]):
            return p
    return j


def _dash_after_quotation(ctx: DocContext, k: int) -> bool:
    """Token ``k`` is a dash right after a quotation's closing mark or its comma ("…», — сказал X"), or a
    closing mark after a comma ('"…," said X')."""
    doc = ctx.doc
    b = _skip_spaces_back(ctx, k - 1)
    if b < 0:
        return False
    before: str = doc[b].text
    if doc[k].text in ctx.pack.close_quotes:
        return before == ","  # '"…, we got there," said X'
    if doc[k].text not in ("—", "–", "-"):
        return False
    return before == "," or (before in '»"“”' and inside(ctx.quotes, doc[b].idx, doc[b].idx + 1) > 0)


def _relative_word(ctx: DocContext, tok: Token) -> bool:
    """A relative pronoun of the pack in any of its forms ("которого" of "который")."""
    rel = ctx.pack.relative_pronouns
    return tok.lower_ in rel or (tok.lemma_ or "").lower() in rel


def _skip_spaces_back(ctx: DocContext, k: int) -> int:
    """The index of the last token at or before ``k`` that is not whitespace: a no-break space is a token of
    its own ("»,\u00a0— сообщили …"), which the tagger may even call a pronoun (languages without articles;
    English keeps ``k``)."""
    while k >= 0 and ctx.doc[k].is_space and not ctx.pack.articles:
        k -= 1
    return k


def topic_only(ctx: DocContext, cue: Token, c_lo: int, c_hi: int) -> bool:
    """Content that is only a prepositional phrase, with no verb and no quotation, names a topic, not a
    proposition, and the cue reports nothing: after a topic verb of the pack ("did not comment on the attack"),
    or when it names no event ("рассказал о перспективах", "spoke about the situation"). A nominalised event
    after an assertive cue stays a claim ("заявило про захоплення кварталів" claims a capture)."""
    doc = ctx.doc
    if cue.i < c_lo - 1 and doc[c_lo - 1].lower_ in ctx.pack.complementizers:
        return (
            False  # a clause after "що" that opens with a place: "доповів, що на … напрямку ситуація складна"
        )
    while c_lo < c_hi and "Dat" in doc[c_lo].morph.get("Case"):
        c_lo += 1  # the addressee before the topic: "рассказал нашему изданию о работе …"
    if not ctx.has_pos or c_hi <= c_lo or doc[c_lo].pos_ != "ADP":
        return False
    if inside(ctx.quotes, doc[c_lo].idx, doc[c_hi - 1].idx + len(doc[c_hi - 1].text)) > 0:
        return False
    # a relative clause of the topic's noun is part of the topic ("розповів про селянку, яка втратила сина")
    own = [t for t in doc[c_lo:c_hi] if not in_relative_clause(t, c_lo, c_hi)]
    if any(t.pos_ in ("VERB", "AUX") for t in own):
        return False
    if ctx.lex.topic_verbs.lookup_word(cue.text, cue.lemma_ or None) is not None:
        return True
    words = [t.text for t in own]
    lemmas: list[str | None] = [t.lemma_ or None for t in own]
    # a statement or a decision's document ("spoke about the bill", "рассказал о законопроекте") is a topic
    return not any(
        etype not in ctx.lex.not_topic_events for _, _, etype in ctx.lex.events.find_all(words, lemmas)
    )


def in_relative_clause(tok: Token, c_lo: int, c_hi: int) -> bool:
    """``tok`` lies in a clause that modifies a noun inside tokens [c_lo, c_hi) (the parser's ``acl``), not an
    infinitive the noun governs ("о намерении сформировать коалицию" names what is intended)."""
    t, seen = tok, 0
    while seen < 50 and c_lo <= t.i < c_hi and t.head.i != t.i and c_lo <= t.head.i < c_hi:
        if (
            t.dep_ in ("acl", "acl:relcl", "relcl")
            and t.head.pos_ in ("NOUN", "PROPN", "PRON")
            and "Inf" not in t.morph.get("VerbForm")
            and t.tag_ != "TO"
        ):
            return True
        t, seen = t.head, seen + 1
    return False


def clause_after_conjunction(ctx: DocContext, a: int, j: int, lo: int, hi: int) -> tuple[int, int] | None:
    """Tokens of the clause after an "according to" phrase (tokens [a, j)) that follows a conjunction ("…,
    проте, за словами X, більшість штурмів захлинається"): the phrase heads that clause, the clause before the
    conjunction is the outlet's own; a relative clause of the source is skipped ("речника бригади, що тримає
    оборону міста, …"). None when no conjunction comes before the phrase."""
    doc = ctx.doc
    k = a - 1
    while k >= lo and doc[k].is_punct:
        k -= 1
    if not (k > lo and ctx.has_pos and doc[k].pos_ == "CCONJ"):
        return None
    c_lo = j
    for t in doc[j:hi]:
        if ctx.has_dep and t.dep_.startswith("acl") and a <= t.head.i < j:
            c_lo = max(c_lo, t.right_edge.i + 1)
    while c_lo < hi and doc[c_lo].is_punct:
        c_lo += 1
    return c_lo, hi
