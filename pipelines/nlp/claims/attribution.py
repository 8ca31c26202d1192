"""Attribution: the cue, the claimant span and the content span of each attribution type.

Reporting verbs (``indirect`` or ``direct_quote`` by the share of the content inside quotation marks); "according
to" phrases (``according_to``) are :mod:`.according`'s, quotations with the author's words inside them
:mod:`.insertions`', clause checks :mod:`.clauses`'. Each rule uses the dependency tree when the pipeline has a
parser and falls back to token patterns when it does not, or when the tree is odd.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims import claimants, enrichment, impersonal, quoting
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.clauses import (
    before_own_clause,
    comma_subject,
    medium_subject,
    object_content,
    oblique,
    proposition,
    relative_opening,
)
from pipelines.nlp.claims.clauses import relative_clause as relative_role
from pipelines.nlp.claims.context import DocContext, Mention
from pipelines.nlp.claims.cues import (
    complementizer_after,
    cue_info,
    first_or_second_person,
    noun_read_as_verb,
    opens_complement,
)
from pipelines.nlp.claims.following import following_source
from pipelines.nlp.claims.mentions import time_phrase
from pipelines.nlp.claims.phrases import (
    aside_before,
    connective,
    converb_tail,
    head_guess,
    postposed_subject,
    reporting_head,
    skip_adverbials,
    topic_only,
    written_span,
)
from pipelines.nlp.claims.quotations import (
    quotation_before,
    quotation_first,
    to_quotation_end,
    whole_quotation,
)
from pipelines.nlp.claims.shared_subjects import shared_subject
from pipelines.nlp.claims.spans import inside, strip_span, subtree_range, tok_range_chars
from pipelines.nlp.claims.validity import (
    before_source_tail,
    clausal,
    demand_or_circumstance,
    not_a_place,
    only_a_name,
    only_dative,
    relative_clause,
    reported_content,
    subject_in_content,
    usable_subject,
)
from pipelines.nlp.claims.words import converb, word


def find_subject(ctx: DocContext, cue: Token, lo: int, hi: int) -> Token | None:
    """The head of the cue's subject phrase, if one that can name a claimant (:func:`usable_subject`); none
    but a pronoun for a cue in the first or second person (the author's "Нагадаємо, що …" after a heading the
    parser made its subject: a noun is of the third person)."""
    subj = usable_subject(ctx, _find_subject(ctx, cue, lo, hi))
    if subj is not None and subj.pos_ != "PRON" and first_or_second_person(ctx, cue):
        return None
    return subj


def topic_first(ctx: DocContext, cue: Token, lo: int) -> bool:
    """The sentence opens with what is reported about, right before the cue ("Про загибель двох людей
    повідомили …", "Об ударе по Харькову сообщил …"): a topic preposition (one of the pack's
    ``non_claimant_words``) and words without a comma or another verb to the cue."""
    doc = ctx.doc
    first = next((k for k in range(lo, cue.i) if not doc[k].is_punct and not doc[k].is_space), None)
    if first is None or doc[first].lower_ not in ctx.pack.non_claimant_words or doc[first].pos_ != "ADP":
        return False
    between = doc[first + 1 : cue.i]
    return len(between) > 0 and all(word(t) and t.pos_ not in ("VERB", "AUX") for t in between)


def _find_subject(ctx: DocContext, cue: Token, lo: int, hi: int) -> Token | None:
    # (in English whom it was told follows "told", never its source: "…, a source told AFP")
    to_whom = ctx.pack.articles and "addressee" in ctx.cue_flags(cue.i)
    postposed = None if to_whom else usable_subject(ctx, postposed_subject(ctx, cue, hi))
    if postposed is not None:
        return postposed
    spoke = medium_subject(ctx, cue, lo)
    if spoke is not None:
        return spoke
    if topic_first(ctx, cue, lo):
        after = usable_subject(ctx, following_source(ctx, cue, hi))
        if after is not None:
            return after
    if ctx.has_dep:
        subjects = [
            c
            for c in cue.children
            if c.dep_ in ("nsubj", "nsubj:outer")
            and lo <= c.i < hi
            and not connective(ctx, c)
            and not any(
                x.dep_ == "case" for x in c.children
            )  # ("a blogger with more than 500,000 subscribers")
            and usable_subject(ctx, c) is not None
        ]
        if subjects:
            return min(subjects, key=lambda c: abs(cue.i - c.i))
        comma_source = usable_subject(ctx, comma_subject(ctx, cue, lo))
        if comma_source is not None:
            return comma_source
        # coordinated verbs share the subject: "X confirmed and said"; so does a participle after the verb it
        # modifies: "X attacked the plan, saying …", "X отверг обвинения, заявив …", "X …, додавши …"
        quoted = quoting.quoting_object(ctx, cue, lo, hi)
        if quoted is not None:
            return quoted
        # a reporting verb's own source: "A, the air force said, adding …", "A, a source told AFP, saying …"
        earlier = reporting_head(ctx, cue, lo)
        told = _find_subject(ctx, earlier, lo, hi) if earlier is not None else None
        if told is not None:
            return told
        shared = shared_subject(ctx, cue, lo, hi)
        if shared is not None:
            return usable_subject(ctx, shared)
        root = quoting.root_noun_subject(ctx, cue, lo)
        if root is not None:
            return root
        misread = noun_read_as_verb(ctx, cue, lo)
        if misread is not None:
            return misread
    # token fallback: a noun phrase right before the cue after a comma, or right after it before the end
    doc = ctx.doc
    k = cue.i - 1
    while k >= lo and (
        (
            word(doc[k])
            and doc[k].lower_ not in ctx.pack.complementizers
            and (
                not ctx.has_pos
                or doc[k].pos_ in ("NOUN", "PROPN", "ADJ", "PRON", "DET", "NUM", "ADV", "ADP", "X")
            )
        )
        or (doc[k].text == "-" and not doc[k].whitespace_ and k > lo and not doc[k - 1].whitespace_)
    ):
        k -= 1  # (a hyphen inside a word: "У прес-службі банку заявили")
    if (
        cue.i - 1 - k <= 6
        and k < cue.i - 1
        and (k < lo or doc[k].text in (",", "—", "–", ":") or doc[k].text in ctx.pack.close_quotes)
    ):
        s_, e_ = k + 1, cue.i
        # an adverb before the cue, unless a name ends in it ("Віталій Кличко": ADV to the tagger)
        while e_ > s_ and ctx.has_pos and doc[e_ - 1].pos_ == "ADV" and not doc[e_ - 1].ent_type:
            e_ -= 1
        # whom it was told, before the source: "Дітям у музичній школі розповідають, що …"
        while e_ - s_ > 1 and only_dative(ctx, doc[s_]):
            s_ += 1
        if k >= lo and doc[k].text in ctx.pack.close_quotes and time_phrase(ctx, s_, e_):
            # "«Наші гроші» у березні повідомили": the quoted name before the time phrase
            quoted = quotation_before(ctx, s_, lo)
            if quoted is not None and quoted[1] - quoted[0] <= 8:
                s_, e_ = quoted[0] + 1, quoted[1] - 1
        head = head_guess(ctx, s_, e_)
        if head is not None:
            ctx.np_hint[head.i] = (s_, e_)
            return head
    # "Name, the city's deputy manager, said …": the phrase before an apposition in commas
    if cue.i - 1 >= lo and doc[cue.i - 1].text == ",":
        for c1 in range(cue.i - 2, max(lo, cue.i - 16) - 1, -1):
            if doc[c1].text == ",":
                n_lo = c1 - 1
                while n_lo >= lo and word(doc[n_lo]) and c1 - n_lo <= 6:
                    n_lo -= 1
                if (n_lo < lo or doc[n_lo].is_punct) and c1 - n_lo > 1:
                    head = head_guess(ctx, n_lo + 1, c1)
                    if head is not None:
                        ctx.np_hint[head.i] = (n_lo + 1, c1)
                        return head
                break
    # a quoted name right before the cue: "ТД «Украгропром» повідомив держпідприємство, що …" (not an outlet
    # where or to whom it was said: "в інтерв'ю «Дзеркалу тижня» повідомив")
    if cue.i - 1 >= lo and doc[cue.i - 1].text in ctx.pack.close_quotes:
        quoted = quotation_before(ctx, cue.i, lo)
        if quoted is not None and 3 <= quoted[1] - quoted[0] <= 8:
            s_ = quoted[0]
            inner = doc[s_ + 1 : quoted[1] - 1]
            before = doc[s_ - 1] if s_ - 1 >= lo else None
            oblique = any("Dat" in t.morph.get("Case") for t in inner)
            medium = before is not None and (
                before.lower_ in ctx.pack.media_words or (ctx.has_pos and before.pos_ == "ADP")
            )
            if not oblique and not medium:
                if before is not None and word(before) and before.text[:1].isupper():
                    s_ -= 1  # the firm's legal form before its name: "ТД", "ТОВ", "ООО"
                head = head_guess(ctx, quoted[0] + 1, quoted[1] - 1)
                if head is not None:
                    ctx.np_hint[head.i] = (s_, quoted[1])
                    return head
    start = skip_adverbials(ctx, cue.i + 1, hi)
    j = start
    while j < hi and (
        (word(doc[j]) and (not ctx.has_pos or doc[j].pos_ in ("NOUN", "PROPN", "ADJ", "DET", "ADP")))
        or (doc[j].text == "-" and not doc[j - 1].whitespace_ and j + 1 < hi and word(doc[j + 1]))
    ):
        j += 1
    if j + 1 < hi and doc[j].text == "," and doc[j + 1].lower_ in ctx.pack.complementizers:
        return None  # "повідомив держпідприємство, що …": the noun before the clause is whom it was told
    if j > start and (j >= hi or doc[j].is_punct) and not not_a_place(ctx, start, j):
        head = head_guess(ctx, start, j)
        if head is not None:
            ctx.np_hint[head.i] = (start, j)
            return head
    return None


def content_range(
    ctx: DocContext, cue: Token, subj: Token | None, lo: int, hi: int
) -> tuple[int, int] | None:
    doc = ctx.doc
    if "clause" in ctx.cue_flags(cue.i):
        # "show", "find", "learn": reporting only with a clausal complement ("the poll found that …")
        # (a complementizer after the cue whatever the parse: "Підсумки … показали, що …")
        has_clause = complementizer_after(ctx, cue, hi) or (
            ctx.has_dep and any(c.dep_ in ("ccomp", "csubj") for c in cue.children)
        )
        if not has_clause:
            return None
    if subj is not None and subj.i > cue.i > lo + 1 and postposed_subject(ctx, cue, hi) is not None:
        # "<report>, CUE <source>.": the report is everything before the comma, whatever the tree cut it into
        # (and before a no-break space token before the dash: "«…»,\u00a0— сообщили …")
        end = cue.i - 1
        while end > lo + 1 and ctx.doc[end - 1].is_space:
            end -= 1
        return lo, end
    answer = complementizer_after(ctx, cue, hi)  # "На вопрос, правда ли, что …, X ответил, что …": not before
    c_lo, c_hi = cue_clause(ctx, cue, subj, lo, hi)
    if ctx.has_dep:
        # the tree decides the direction; the sentence edge bounds the content (robust to a complement
        # subtree that the parser cut short)
        comps = [c for c in cue.children if c.dep_ in ("ccomp", "csubj") and lo <= c.i < hi and clausal(c)]
        comps += [
            c
            for c in cue.children
            if c.dep_ == "parataxis" and lo <= c.i < hi and c.pos_ in ("VERB", "AUX", "ADJ", "NOUN")
        ]
        comps = [c for c in comps if not converb(c)]  # "…, the ministry said, adding …": another cue's clause
        if comps and not (comps[0].i < cue.i and answer):
            c = comps[0]
            c_s, c_e = subtree_range(c, lo, hi)
            if c.i > cue.i:
                end = hi
                # "X admitted that A, but said B": stop before the cue's own later coordinated verbs
                later = [x for x in cue.children if x.dep_ in ("conj", "parataxis") and x.i > c_e - 1]
                if later:
                    end = min(end, min(x.left_edge.i for x in later))
                    while end > c_s and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
                        end -= 1
                return max(c_s, c_hi), max(end, max(c_s, c_hi) + 1)
            return lo, max(min(c_e, c_lo), lo + 1)
        if (
            cue.dep_ in ("parataxis", "advcl", "conj")
            and not answer
            and not converb(cue)  # ("A, X said, adding B": B, never A)
            and lo <= cue.head.i < hi
            and cue.i > cue.head.i
            and not (cue.i + 2 < hi and doc[cue.i + 1].text == ":")  # "…, а друг каже: «…»": after the colon
        ):
            s, _ = subtree_range(cue.head, lo, hi)
            # (the whole subject phrase: "…, regional governor Pavel Malkov said" with the parse's "Malkov")
            cs = min(cue.left_edge.i, c_lo)
            if cs > s:
                return s, cs
    # side split around the cue clause
    before = c_lo - lo
    after = hi - c_hi
    tail = doc[c_hi:hi]
    tail_words = [t for t in tail if word(t)]
    # "A, the ministry said on Monday, forcing …": a converb clause after the cue is no content; nor where and
    # when it was said after a quotation ('"A," the ministry said in a statement on Telegram.')
    tail_alpha = (
        0 if converb_tail(ctx, c_hi, hi) or quotation_first(ctx, lo, c_lo, c_hi, hi) else len(tail_words)
    )
    # (a converb reports what follows it, never the clause of the verb it continues: "A, X said, calling B")
    if tail_alpha <= 3 and before > 0 and not (tail_alpha and tail[0].text == ":") and not answer:
        return (lo, c_lo) if not converb(cue) else None
    if after > 0:
        # "X said: ...", "X said that ...", "X said on Monday that ..."
        k = c_hi
        for t in doc[c_hi:hi]:
            if opens_complement(ctx, t):
                k = t.i + 1
                break
        verb_before = any(t.pos_ == "VERB" for t in doc[c_hi : k - 1])
        if k - c_hi > (6 if verb_before else 12):
            k = c_hi  # (whom and where it was told: "told a meeting of regional leaders on Monday that …")
        if k > c_hi and not verb_before:
            # "заявил журналистам, что …": the complement after "that"/":", not the object before it (unless
            # another verb owns that "что": "не подтвердил потерю города и сообщил, что …")
            return k, before_own_clause(ctx, cue, k, hi)
        # the clause after whom it was told, or the cue's object; else what follows, up to the cue's own later
        # clause ("заявило про …, однак у ЗСУ … спростували")
        return object_content(ctx, cue, c_hi, lo, hi) or (k, before_own_clause(ctx, cue, k, hi))
    if before > 0 and not converb(cue):
        return lo, c_lo
    return None


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
        and word(doc[c_lo - 1])
        and ctx.has_pos
        and doc[c_lo - 1].pos_ in ("ADV", "AUX", "PART")
    ):
        c_lo -= 1
    while (
        c_hi < hi
        and word(doc[c_hi])
        and ctx.has_pos
        and doc[c_hi].pos_ in ("ADV", "PART")
        and doc[c_hi].lower_ not in ctx.lex.negations
    ):
        c_hi += 1
    return c_lo, c_hi


def _opens_the_cues_clause(ctx: DocContext, c_lo: int, c_hi: int) -> bool:
    """A content [c_lo, c_hi) before its cue that ends in a complementizer and words without a verb after it
    ("Вчера стало известно о том, что бывший директор …" before "… Орлов подал в отставку"): the clause the
    cue's clause is the complement of, and the start of that clause's subject; no report. Not for a quotation."""
    doc = ctx.doc
    if inside(ctx.quotes, *tok_range_chars(doc, c_lo, c_hi)) > 0.5:
        return False
    for k in range(c_hi - 1, c_lo - 1, -1):
        if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in ("«", '"', "“", "„"):
            return False
        if doc[k].lower_ in ctx.pack.complementizers:
            return True
    return False


def cue_claim(
    ctx: DocContext, cue: Token, lo: int, hi: int, index: int, *, avoid: tuple[int, int] | None = None
) -> tuple[Claim, tuple[int, int], tuple[int, int] | None] | None:
    """A claim for a reporting verb, or None. ``avoid``: an "according to" phrase of the sentence; a verb
    whose content would contain it is inside that attribution ("X denied it, according to Y")."""
    lemma, flags = cue_info(ctx, cue)
    sent_lo, sent_hi = lo, hi
    role = relative_role(ctx, cue, lo)
    if role is not None and role[0] == "object":
        # "номер, який Софія вказала у профілі": the cue's object is the noun before, no statement
        return None
    subj = find_subject(ctx, cue, lo, hi)
    quoted = quoting.quoted_object(ctx, cue, lo, hi)
    if quoted is not None:
        subj = quoted
    if subj is None and "impersonal" not in flags:
        return None
    if relative_clause(ctx, cue, subj):
        # the report is inside the relative clause ("Acme, which said it will buy Bolt, lost …")
        lo = max(lo, cue.i)
        if cue.right_edge.i > cue.i + 1:
            hi = min(hi, cue.right_edge.i + 1)
    if (
        ctx.has_dep
        and "Inf" in cue.morph.get("VerbForm")
        and not any(c.dep_.startswith("nsubj") for c in cue.children)
    ):
        # "Важко сказати, що …", "з дозволу сказати": an infinitive without a subject of its own
        return None
    if subj is not None and subj.i + 1 == cue.i and subj.lower_ in ctx.pack.demonstratives:
        # "Це підтвердив X, …": the parser's subject is the object; the cue reports nothing itself
        return None
    if subj is not None and "impersonal" in flags and subj.lower_ in ctx.pack.relative_pronouns:
        return None  # "…, которое отмечается 25 июля": a passive with a subject reports nothing
    if subj is not None and subj.i > cue.i and subj.lower_ in ctx.pack.expletive_subjects:
        return None
    rng = content_range(ctx, cue, subj, lo, hi)
    if rng is None:
        return None
    c_lo, c_hi = rng
    c_hi = quoting.quotation_end(ctx, cue, c_lo, c_hi)  # "заявив, що «…» і закликав …"
    if impersonal.impersonal_form(ctx, cue):  # "вказано", "пояснено": no subject of their own
        subj, reports = impersonal.source(ctx, cue, subj, lo, c_lo, c_hi)
        if not reports:
            return None
    before = subj is not None and subj.i < cue.i and not oblique(ctx, subj)
    if relative_opening(ctx, c_lo, c_hi, before) and not inside(
        ctx.quotes, *tok_range_chars(ctx.doc, c_lo, c_hi)
    ):
        if not (lo + 1 < cue.i < c_lo and ctx.doc[cue.i - 1].text in (",", "—", "–")):
            return None
        c_lo, c_hi = lo, cue.i - 1  # "'…,' said X, who heads …": the report is before the cue
    if (
        c_hi <= cue.i
        and cue.i > lo
        and (
            ctx.doc[cue.i - 1].lower_ in ctx.pack.relative_pronouns
            or ctx.doc[cue.i - 1].lower_ in ctx.pack.complementizers
        )
    ):
        # "… не надало документів, що підтверджують якість продукції": a relative clause right after the noun
        # it tells of; the clause before it is no report of its verb (a postposed cue follows a comma or dash)
        return None
    if c_hi <= cue.i and (_opens_the_cues_clause(ctx, c_lo, c_hi) or aside_before(ctx, cue.i)):
        # "Ранее стало известно о том, что X написал …": the clause its own clause depends on; "Захарова, в свою
        # очередь, обвинила …": the cue's subject and an aside
        return None
    c_hi = to_quotation_end(ctx, c_lo, c_hi, hi)
    c_hi = before_source_tail(ctx, cue, c_lo, c_hi)
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
    if subj is not None and subject_in_content(ctx, cue, subj, lo, (c_lo, c_hi)):
        return None
    if topic_only(ctx, cue, c_lo, c_hi):
        return None
    postposed = c_hi <= cue.i and cue.i > lo and ctx.doc[cue.i - 1].text in (",", "—", "–")
    if "proposition" in flags and not postposed and not proposition(ctx, c_lo, c_hi):
        return None  # "наголосила на забезпеченні …", "подчеркнул необходимость …": an object, no statement
    start, end = strip_span(ctx.text, *tok_range_chars(ctx.doc, c_lo, c_hi), ctx.pack)
    if end - start < 3:
        return None
    if only_a_name(ctx, c_lo, c_hi):
        return None  # "Сценарій фільму написав Андрій Курков": the content is who did it, no statement
    if not inside(ctx.quotes, start, end) and (
        not reported_content(ctx, cue, flags, c_lo, c_hi, subj)
        or demand_or_circumstance(ctx, cue, c_lo, flags, subj)
    ):
        return (
            None  # an object, a list after the cue's object: not what was said; the sentence is the outlet's
        )
    claimant: Mention | None = None
    claimant_rng: tuple[int, int] | None = None
    if subj is not None:
        claimant, claimant_rng = claimants.claimant_from(ctx, subj, sent_lo, sent_hi, index, stop=cue.i)
    attribution = "direct_quote" if inside(ctx.quotes, start, end) > 0.8 else "indirect"
    first, b_lo, b_hi = index, sent_lo, sent_hi
    whole = whole_quotation(ctx, start, end, sent_lo, sent_hi) if attribution == "direct_quote" else None
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
        claimant_span=written_span(ctx, *claimant_rng)
        if claimant_rng and claimant_rng[1] > claimant_rng[0]
        else None,
    )
    claimants.remember_claimant(ctx, claimant, index, cue.idx)
    return claim, (c_lo, c_hi), claimant_rng
