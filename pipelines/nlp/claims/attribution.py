"""Attribution: the cue, the claimant span and the content span of each attribution type.

Reporting verbs (``indirect`` or ``direct_quote`` by the share of the content inside quotation marks) and
"according to" phrases (``according_to``). Each rule uses the dependency tree when the pipeline has a parser
and falls back to token patterns when it does not, or when the tree is odd.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims import claimants, enrichment
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.context import DocContext, Mention
from pipelines.nlp.claims.phrases import (
    after_medium,
    clause_after_conjunction,
    head_guess,
    postposed_subject,
    quotation_before,
    skip_adverbials,
    topic_only,
)
from pipelines.nlp.claims.spans import (
    inside,
    span_root,
    strip_span,
    subtree_range,
    tok_range_chars,
    tree_depth,
)


def verb_ending(ctx: DocContext, tok: Token) -> bool:
    """A word with a verb ending of the language (the pack's ``verb_ending``), whatever the tagger said."""
    return ctx.pack.verb_ending is not None and ctx.pack.verb_ending.search(tok.lower_) is not None


def find_cues(ctx: DocContext, lo: int, hi: int) -> list[Token]:
    doc = ctx.doc
    words, lemmas = ctx.words[lo:hi], ctx.lemmas[lo:hi]
    cues: list[Token] = []
    for k in range(len(words)):
        m = ctx.lex.cues.match_at(words, lemmas, k)
        if m is None:
            continue
        tok = doc[lo + k]
        if not verbal(ctx, tok):
            continue
        lemma, flags = m[1]
        ctx.cue_meta[tok.i] = (str(lemma), frozenset(flags))
        cues.append(tok)
    if ctx.has_dep:
        cues.sort(key=lambda t: (tree_depth(t, lo, hi), t.i))
    return cues


def verbal(ctx: DocContext, tok: Token) -> bool:
    if (
        tok.text[:1].isupper()
        and tok.i > 0
        and not tok.is_sent_start
        and ctx.pack.capitalised_words_are_names
    ):
        return False  # "Reuters Report", names
    if ctx.has_pos:
        if tok.pos_ in ("VERB",):
            return True
        if tok.pos_ == "AUX":
            return False
        if tok.pos_ in ("NOUN", "ADJ", "PROPN", "X") and verb_ending(ctx, tok):
            return True
        if ctx.has_dep and (tok.dep_ == "ROOT" or any(c.dep_.startswith("nsubj") for c in tok.children)):
            return tok.pos_ not in ("ADP", "DET", "PRON", "PROPN")
        if tok.pos_ == "NOUN" and ctx.has_dep and tok.i > 0:
            # a verbless (mis)parse of a headline-like sentence: "Russian media share footage …"
            sent_root = tok
            while sent_root.head.i != sent_root.i:
                sent_root = sent_root.head
            prev = ctx.doc[tok.i - 1]
            claimant_like = prev.ent_type_ in ("PER", "ORG") or claimants.noun_type(ctx, prev) is not None
            return sent_root.pos_ not in ("VERB", "AUX") and claimant_like and tok.dep_ == "compound"
        return False
    if ctx.pack.nominal_ending is not None:
        return ctx.pack.nominal_ending.search(tok.lower_) is None
    return True


def cue_info(ctx: DocContext, tok: Token) -> tuple[str, frozenset[str]]:
    return ctx.cue_meta[tok.i]


def participle(tok: Token) -> bool:
    """An English -ing participle or a Russian/Ukrainian adverbial participle (деепричастие)."""
    return tok.tag_ == "VBG" or bool({"Ger", "Conv"} & set(tok.morph.get("VerbForm")))


def find_subject(ctx: DocContext, cue: Token, lo: int, hi: int) -> Token | None:
    postposed = postposed_subject(ctx, cue, hi)
    if postposed is not None:
        return postposed
    spoke = medium_subject(ctx, cue, lo)
    if spoke is not None:
        return spoke
    if ctx.has_dep:
        subjects = [
            c
            for c in cue.children
            if c.dep_ in ("nsubj", "nsubj:outer") and lo <= c.i < hi and not connective(ctx, c)
        ]
        if subjects:
            return min(subjects, key=lambda c: abs(cue.i - c.i))
        # coordinated verbs share the subject: "X confirmed and said"; so does a participle after the verb it
        # modifies: "X attacked the plan, saying …", "X отверг обвинения, заявив …", "X …, додавши …"
        shares = cue.dep_ == "conj" or (
            cue.dep_ in ("advcl", "xcomp") and cue.i > cue.head.i and participle(cue)
        )
        if shares and lo <= cue.head.i < hi:
            for c in cue.head.children:
                if c.dep_ == "nsubj" and c.i < cue.i:
                    return c
    # token fallback: a noun phrase right before the cue after a comma, or right after it before the end
    doc = ctx.doc
    k = cue.i - 1
    while k >= lo and (
        doc[k].is_alpha
        and doc[k].lower_ not in ctx.pack.complementizers
        and (
            not ctx.has_pos
            or doc[k].pos_ in ("NOUN", "PROPN", "ADJ", "PRON", "DET", "NUM", "ADV", "ADP", "X")
        )
    ):
        k -= 1
    if (
        cue.i - 1 - k <= 6
        and k < cue.i - 1
        and (k < lo or doc[k].text in (",", "—", "–", ":") or doc[k].text in ctx.pack.close_quotes)
    ):
        s_, e_ = k + 1, cue.i
        while e_ > s_ and ctx.has_pos and doc[e_ - 1].pos_ == "ADV":
            e_ -= 1
        head = head_guess(ctx, s_, e_)
        if head is not None:
            ctx.np_hint[head.i] = (s_, e_)
            return head
    # "Name, the city's deputy manager, said …": the phrase before an apposition in commas
    if cue.i - 1 >= lo and doc[cue.i - 1].text == ",":
        for c1 in range(cue.i - 2, max(lo, cue.i - 16) - 1, -1):
            if doc[c1].text == ",":
                n_lo = c1 - 1
                while n_lo >= lo and doc[n_lo].is_alpha and c1 - n_lo <= 6:
                    n_lo -= 1
                if (n_lo < lo or doc[n_lo].is_punct) and c1 - n_lo > 1:
                    head = head_guess(ctx, n_lo + 1, c1)
                    if head is not None:
                        ctx.np_hint[head.i] = (n_lo + 1, c1)
                        return head
                break
    start = skip_adverbials(ctx, cue.i + 1, hi)
    j = start
    while j < hi and (
        (doc[j].is_alpha and (not ctx.has_pos or doc[j].pos_ in ("NOUN", "PROPN", "ADJ", "DET", "ADP")))
        or (doc[j].text == "-" and not doc[j - 1].whitespace_ and j + 1 < hi and doc[j + 1].is_alpha)
    ):
        j += 1
    if j > start and (j >= hi or doc[j].is_punct):
        head = head_guess(ctx, start, j)
        if head is not None:
            ctx.np_hint[head.i] = (start, j)
            return head
    return None


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
            if ctx.has_dep:
                if doc[k].dep_ in ("obj", "iobj") and doc[k].head.i == cue.i:
                    return "object", k
                return ("subject" if doc[k].dep_.startswith("nsubj") else "other"), k
            return ("object" if "Acc" in doc[k].morph.get("Case") else "subject"), k
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
    while s - 1 >= lo and doc[s - 1].is_alpha and k - s < 6:
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
    # a nominalised event stays a claim ("не подтвердил потерю города"), as after a topic preposition
    words = [t.text for t in doc[c_lo:c_hi]]
    lemmas: list[str | None] = [t.lemma_ or None for t in doc[c_lo:c_hi]]
    return any(
        etype not in ("statement", "decision") for _, _, etype in ctx.lex.events.find_all(words, lemmas)
    )


def connective(ctx: DocContext, tok: Token) -> bool:
    """A sentence adverb such as "Meanwhile," that a parser mistook for a subject."""
    return tok.lower_ in ctx.pack.connectives and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].text == ","


def content_range(
    ctx: DocContext, cue: Token, subj: Token | None, lo: int, hi: int
) -> tuple[int, int] | None:
    doc = ctx.doc
    if "clause" in ctx.cue_meta.get(cue.i, ("", frozenset()))[1]:
        # "show", "find", "learn": reporting only with a clausal complement ("the poll found that …")
        has_clause = (
            any(c.dep_ in ("ccomp", "csubj") for c in cue.children)
            if ctx.has_dep
            else cue.i + 1 < hi and doc[cue.i + 1].lower_ in ctx.pack.complementizers
        )
        if not has_clause:
            return None
    if subj is not None and subj.i > cue.i > lo + 1 and postposed_subject(ctx, cue, hi) is not None:
        # "<report>, CUE <source>.": the report is everything before the comma, whatever the tree cut it into
        return lo, cue.i - 1
    if ctx.has_dep:
        # the tree decides the direction; the sentence edge bounds the content (robust to a complement
        # subtree that the parser cut short)
        comps = [c for c in cue.children if c.dep_ in ("ccomp", "csubj") and lo <= c.i < hi]
        comps += [
            c
            for c in cue.children
            if c.dep_ == "parataxis" and lo <= c.i < hi and c.pos_ in ("VERB", "AUX", "ADJ", "NOUN")
        ]
        if comps:
            c = comps[0]
            c_s, c_e = subtree_range(c, lo, hi)
            clause_lo, clause_hi = cue_clause(ctx, cue, subj, lo, hi)
            if c.i > cue.i:
                end = hi
                # "X admitted that A, but said B": stop before the cue's own later coordinated verbs
                later = [x for x in cue.children if x.dep_ in ("conj", "parataxis") and x.i > c_e - 1]
                if later:
                    end = min(end, min(x.left_edge.i for x in later))
                    while end > c_s and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
                        end -= 1
                return max(c_s, clause_hi), max(end, max(c_s, clause_hi) + 1)
            return lo, max(min(c_e, clause_lo), lo + 1)
        if cue.dep_ in ("parataxis", "advcl", "conj") and lo <= cue.head.i < hi and cue.i > cue.head.i:
            s, _ = subtree_range(cue.head, lo, hi)
            cs = min(cue.left_edge.i, subj.left_edge.i if subj is not None else cue.i)
            if cs > s:
                return s, cs
    # side split around the cue clause
    c_lo, c_hi = cue_clause(ctx, cue, subj, lo, hi)
    before = c_lo - lo
    after = hi - c_hi
    tail = doc[c_hi:hi]
    tail_alpha = sum(1 for t in tail if t.is_alpha)
    if tail_alpha <= 3 and before > 0:
        return lo, c_lo
    if after > 0:
        # "X said: ...", "X said that ...", "X said on Monday that ..."
        k = c_hi
        for t in doc[c_hi:hi]:
            if (
                t.lower_ == ":"
                or t.lower_ in ctx.pack.complementizers
                or t.lower_ in ctx.pack.purpose_conjunctions
            ):
                k = t.i + 1
                break
        if k - c_hi > 6:
            k = c_hi
        if k > c_hi and not any(t.pos_ == "VERB" for t in doc[c_hi : k - 1]):
            # "заявил журналистам, что …": the complement after "that"/":", not the object before it (unless
            # another verb owns that "что": "не подтвердил потерю города и сообщил, что …")
            return k, hi
        # the object of the cue ("share footage of ...")
        if ctx.has_dep:
            for c in cue.children:
                if c.dep_ in ("obj", "dobj") and c.i >= c_hi and "Dat" not in c.morph.get("Case"):
                    return subtree_range(c, lo, hi)  # (a dative object is the addressee, never the content)
        return k, hi
    if before > 0:
        return lo, c_lo
    return None


def written_span(ctx: DocContext, s: int, e: int) -> tuple[int, int]:
    """Characters of a claimant phrase as written, with its leading determiner ("the ministry")."""
    if s > 0 and ctx.doc[s - 1].lower_ in ctx.pack.articles:
        s -= 1
    return tok_range_chars(ctx.doc, s, e)


def cue_clause(ctx: DocContext, cue: Token, subj: Token | None, lo: int, hi: int) -> tuple[int, int]:
    """Token range of the cue, its subject phrase and adverbs right around them."""
    doc = ctx.doc
    c_lo = cue.i
    c_hi = cue.i + 1
    if subj is not None:
        s_lo, s_hi = claimants.noun_phrase_range(ctx, subj, lo, hi, stop=cue.i)
        if subj.i < cue.i:
            s_lo = min(s_lo, subj.i)
            c_lo = min(c_lo, s_lo)
        else:
            c_hi = max(c_hi, s_hi)
    while (
        c_lo - 1 >= lo
        and doc[c_lo - 1].is_alpha
        and ctx.has_pos
        and doc[c_lo - 1].pos_ in ("ADV", "AUX", "PART")
    ):
        c_lo -= 1
    while (
        c_hi < hi
        and doc[c_hi].is_alpha
        and ctx.has_pos
        and doc[c_hi].pos_ in ("ADV", "PART")
        and doc[c_hi].lower_ not in ctx.lex.negations
    ):
        c_hi += 1
    return c_lo, c_hi


def cue_claim(
    ctx: DocContext, cue: Token, lo: int, hi: int, index: int, *, avoid: tuple[int, int] | None = None
) -> tuple[Claim, tuple[int, int], tuple[int, int] | None] | None:
    """A claim for a reporting verb, or None. ``avoid``: an "according to" phrase of the sentence; a verb
    whose content would contain it is inside that attribution ("X denied it, according to Y")."""
    lemma, flags = cue_info(ctx, cue)
    relative = relative_clause(ctx, cue, lo)
    if relative is not None and relative[0] == "object":
        # "номер, який Софія вказала у профілі": the cue's object is the noun before, no statement
        return None
    if relative is not None and relative[0] == "other" and ctx.has_dep:
        # "Документы, в которых Кэтрин рассказала об этом, были …": the report is inside the relative clause
        hi = max(cue.i + 1, subtree_range(cue, lo, hi)[1])
        lo = relative[1]
    subj = find_subject(ctx, cue, lo, hi)
    if subj is None and "impersonal" not in flags:
        return None
    if (
        ctx.has_dep
        and "Inf" in cue.morph.get("VerbForm")
        and not any(c.dep_.startswith("nsubj") for c in cue.children)
        and not (cue.dep_ == "xcomp" and any(c.dep_.startswith("nsubj") for c in cue.head.children))
    ):
        # "Важко сказати, що …", "з дозволу сказати": an infinitive without a subject of its own or of the verb
        # it completes ("X wants to say that …" keeps X)
        return None
    if subj is not None and subj.i + 1 == cue.i and subj.lower_ in ctx.pack.demonstratives:
        # "Це підтвердив X, …": the parser's subject is the object; the cue reports nothing itself
        return None
    if subj is not None and subj.lower_ in ctx.pack.relative_pronouns:
        if "impersonal" in flags:
            return None  # "…, которое отмечается 25 июля": a passive with a subject reports nothing
        # "X, який заявив, що …": the claimant is what the relative clause describes, the content ends with it
        clause_end = subtree_range(cue, lo, hi)[1] if ctx.has_dep else hi
        subj = antecedent(ctx, subj, cue, lo)
        if subj is None:
            return None
        hi = max(cue.i + 1, clause_end)
    if subj is not None and subj.i > cue.i and subj.lower_ in ctx.pack.expletive_subjects:
        return None
    rng = content_range(ctx, cue, subj, lo, hi)
    if rng is None:
        return None
    c_lo, c_hi = rng
    if subj is not None and c_hi <= subj.i:
        # "…, the governor said": the subject's article is not the report's last word
        while c_hi - c_lo > 1 and (
            ctx.doc[c_hi - 1].is_punct or ctx.doc[c_hi - 1].lower_ in ctx.pack.determiners
        ):
            c_hi -= 1
    if c_hi - c_lo < 2:
        return None
    if avoid is not None and c_lo <= avoid[0] < c_hi:
        # "'…,' Shmyhal said, according to a statement from his ministry": the quotation before the speaker
        quoted = quotation_before(ctx, min(cue.i, subj.i) if subj is not None else cue.i, lo)
        if quoted is None:
            return None
        c_lo, c_hi = quoted
    if subj is not None and c_lo <= subj.i < c_hi:
        return None
    if topic_only(ctx, cue, c_lo, c_hi):
        return None
    postposed = c_hi <= cue.i and cue.i > lo and ctx.doc[cue.i - 1].text in (",", "—", "–")
    if "proposition" in flags and not postposed and not proposition(ctx, c_lo, c_hi):
        return None  # "наголосила на забезпеченні …", "подчеркнул необходимость …": an object, no statement
    if (
        ctx.has_pos
        and c_lo == cue.i + 1
        and ctx.doc[c_lo].pos_ == "ADP"
        # the appeal's infinitive governed by the cue or the addressee: "called on both sides to exercise …"
        and any(
            t.pos_ == "VERB"
            and "Inf" in t.morph.get("VerbForm")
            and t.head.i in (cue.i, ctx.doc[c_lo].head.i)
            for t in ctx.doc[c_lo + 1 : c_hi]
        )
        and not inside(ctx.quotes, ctx.doc[c_lo].idx, ctx.doc[c_lo].idx + 1)
    ):
        c_lo += 1  # "called on both sides to exercise restraint": the particle is the cue's, not the report's
    start, end = strip_span(ctx.text, *tok_range_chars(ctx.doc, c_lo, c_hi), ctx.pack)
    if end - start < 3:
        return None
    claimant: Mention | None = None
    claimant_rng: tuple[int, int] | None = None
    if subj is not None:
        claimant, claimant_rng = claimants.claimant_from(ctx, subj, lo, hi, index, stop=cue.i)
    attribution = "direct_quote" if inside(ctx.quotes, start, end) > 0.8 else "indirect"
    first, b_lo, b_hi = index, lo, hi
    whole = whole_quotation(ctx, start, end, lo, hi) if attribution == "direct_quote" else None
    if whole is not None:
        # one claim for a quotation over several sentences: its span and content cover the whole quotation
        start, end, b_lo, b_hi = whole
        first = ctx.sentence_of(ctx.doc[b_lo].idx)
        c_lo, c_hi = min(c_lo, b_lo), max(c_hi, b_hi)
    claim = enrichment.build_claim(
        ctx,
        first,
        b_lo,
        b_hi,
        start,
        end,
        attribution,
        lemma,
        cue.text,
        claimant,
        "anonymous" if claimant is None else None,
        flags,
        (c_lo, c_hi),
        cue_span=(cue.idx, cue.idx + len(cue.text)),
        claimant_span=written_span(ctx, *claimant_rng) if claimant_rng else None,
    )
    claimants.remember_claimant(ctx, claimant, index, cue.idx)
    return claim, (c_lo, c_hi), claimant_rng


#: a quotation longer than this is not taken whole (an unclosed quotation mark runs on)
MAX_QUOTATION = 2000


def whole_quotation(
    ctx: DocContext, start: int, end: int, lo: int, hi: int
) -> tuple[int, int, int, int] | None:
    """(content start, content end, first token, end token) of the quotation that holds content [start, end)
    when it runs beyond the sentence (tokens [lo, hi)) within one paragraph, else None. The quotation
    is then marked as covered: the sentences wholly inside it give no further claim."""
    sent_start, sent_end = tok_range_chars(ctx.doc, lo, hi)
    for q_start, q_end in ctx.quotes:
        if q_end <= start or q_start >= end:
            continue
        if not (q_start < sent_start or q_end > sent_end):
            return None
        if q_end - q_start > MAX_QUOTATION or "\n" in ctx.text[q_start:q_end]:
            return None
        c_start, c_end = strip_span(ctx.text, q_start, q_end, ctx.pack)
        span = ctx.doc.char_span(min(q_start, sent_start), max(q_end, sent_end), alignment_mode="expand")
        if span is None or c_end - c_start < 3:
            return None
        ctx.covered.append((q_start, q_end))
        return c_start, c_end, min(span.start, lo), max(span.end, hi)
    return None


def insertion_claim(ctx: DocContext, cue: Token, lo: int, hi: int, index: int) -> Claim | None:
    """The claim of a quotation interrupted by the author's words with a reporting verb («…, – каже X. –
    …», the pack's ``gate.quote_insertion``), or None: the claimant is the verb's subject among those words, the
    content the whole quotation from its first to its last word (the insertion inside it, as a quotation
    interrupted by "X added." is annotated); the quotation is marked as covered."""
    ins = next((x for x in ctx.insertions if x[0] <= cue.idx < x[1]), None)
    if ins is None:
        return None
    w_start, w_end, q_start, q_end = ins
    # an unclosed mark before the quotation ("(«Роттердам+) …. «Тариф …, – каже X. – …»") opened the region too
    # early: the quotation starts at the last opening mark of its kind before the author's words
    q_start = max(q_start, ctx.text.rfind(ctx.text[q_start], q_start, w_start))
    words = ctx.doc.char_span(w_start, w_end, alignment_mode="expand")
    quote = ctx.doc.char_span(q_start, q_end, alignment_mode="expand")
    if words is None or quote is None:
        return None
    subj = find_subject(ctx, cue, words.start, words.end)
    if subj is None or not (words.start <= subj.i < words.end):
        return None
    lemma, flags = cue_info(ctx, cue)
    start, end = strip_span(ctx.text, q_start, q_end, ctx.pack)
    if end - start < 3 or q_end - q_start > MAX_QUOTATION:
        return None
    claimant, claimant_rng = claimants.claimant_from(ctx, subj, words.start, words.end, index, stop=cue.i)
    b_lo, b_hi = min(quote.start, lo), max(quote.end, hi)
    covered_end = q_end
    while covered_end < len(ctx.text) and ctx.text[covered_end] in ".,!?…":
        covered_end += 1
    ctx.covered.append((q_start, covered_end))
    claim = enrichment.build_claim(
        ctx,
        ctx.sentence_of(q_start),
        b_lo,
        b_hi,
        start,
        end,
        "direct_quote",
        lemma,
        cue.text,
        claimant,
        None,
        flags,
        (quote.start, quote.end),
        cue_span=(cue.idx, cue.idx + len(cue.text)),
        claimant_span=written_span(ctx, *claimant_rng) if claimant_rng else None,
    )
    claimants.remember_claimant(ctx, claimant, index, cue.idx)
    return claim


def find_according_to(ctx: DocContext, lo: int, hi: int) -> tuple[int, int, int, str] | None:
    """(phrase start, claimant-phrase end, phrase end, phrase) of an 'according to' phrase."""
    doc = ctx.doc
    words, lemmas = ctx.words[lo:hi], ctx.lemmas[lo:hi]
    # "как сообщил X, …", "як повідомляє X, …": any reporting verb after как/як; the cue is its lemma
    for k in range(lo, hi - 2):
        if doc[k].lower_ in ctx.pack.manner_conjunctions and (k == lo or doc[k - 1].text in (",", "—", "–")):
            m = ctx.lex.cues.match_at([doc[k + 1].text], [doc[k + 1].lemma_ or None], 0)
            if m is not None:
                j = k + 2
                while j < hi and not (doc[j].is_punct and doc[j].text not in ("-", "«", "»", '"', "“", "”")):
                    j += 1
                if j > k + 2:
                    return k, j, k + 2, str(m[1][0])
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
    for s, e, phrase in ctx.lex.according_to.find_all(words, lemmas):
        a, b = lo + s, lo + e
        if inside(ctx.quotes, doc[a].idx, doc[a].idx + 1) > 0:
            continue
        if phrase in ctx.pack.according_to_after_comma and not (
            a > lo and doc[a - 1].text in (",", "—", "–")
        ):
            continue  # "…, свідчать дані X", "«…», – йдеться в обґрунтуванні"
        j = b
        while j < hi and not (
            doc[j].is_punct and doc[j].text not in ("'", "’", "-", "«", "»", '"', "“", "”")
        ):
            j += 1
        if j == b:
            continue
        return a, j, b, str(phrase)
    return None


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
        # claimant: the head of the noun phrase after the phrase
        head = span_root(doc, b, j) if ctx.has_dep else None
        if head is None or not head.is_alpha:
            head = head_guess(ctx, b, j)
            if head is None:
                return None
        claimant, claimant_rng = claimants.claimant_from(ctx, head, b, j, index, np_range=(b, j))
    # content: the other side of the sentence
    left = (lo, a)
    right = (j, hi)
    left_len = sum(1 for t in doc[left[0] : left[1]] if t.is_alpha)
    right_len = sum(1 for t in doc[right[0] : right[1]] if t.is_alpha)
    c_lo, c_hi = left if left_len >= right_len else right
    after = clause_after_conjunction(ctx, a, j, lo, hi) if right_len >= 2 else None
    if after is not None:
        c_lo, c_hi = after
    if c_hi <= c_lo:
        return None
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
        "according_to",
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
