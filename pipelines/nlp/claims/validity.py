"""Validity checks of the claim layer (issue 17): what may be a claimant and what is a reported proposition.

A claimant is a person, organisation or group mention, a resolved pronoun or an anonymous-source noun, never a
bare pronoun, an interrogative, a place or a clause (:func:`usable_subject`, with
:func:`~pipelines.nlp.claims.claimants.claimant_from`); a content is the reported proposition, not an object
noun phrase of a verb that reports nothing (:func:`reported_content`), and stops before a source tail it ran
into (:func:`before_source_tail`). Used by :mod:`.attribution` and :mod:`.learned_claims`.
"""

from __future__ import annotations

from spacy.tokens import Token

from pipelines.nlp.claims import claimants, stance
from pipelines.nlp.claims.claim import Claim
from pipelines.nlp.claims.clauses import names_event
from pipelines.nlp.claims.context import DocContext
from pipelines.nlp.claims.mentions import counted_in_oblique_case, dictionary_cases
from pipelines.nlp.claims.phrases import in_relative_clause
from pipelines.nlp.claims.spans import inside
from pipelines.nlp.claims.stance import before_quotation, beside_object, passive_object, whom_only
from pipelines.nlp.claims.words import word


def usable_subject(ctx: DocContext, tok: Token | None) -> Token | None:
    """``tok`` unless it cannot name a claimant: whitespace, a word of the pack's ``non_claimant_words`` ("это", "nothing",
    "нам"; not its ``indefinite_subjects``, "хтось", whose report is anonymous), a relative pronoun with no
    antecedent in the parse, or a noun in the dative (the addressee: "сказала журналистам")."""
    if tok is None or (tok.is_space and not ctx.pack.articles):
        return None  # (a no-break space is a token of its own, which a tagger may call a pronoun subject)
    if tok.lower_ in ctx.pack.indefinite_subjects:
        return tok  # "Хтось сказав, що …": an anonymous source's report, no claimant named (claimants)
    if claimants.not_a_claimant(ctx, tok) and not claimants.relative(ctx, tok):
        return None  # (a relative pronoun is resolved to its antecedent, or kept with no claimant)
    if "Dat" in tok.morph.get("Case") and tok.pos_ in ("NOUN", "PRON") and not tok.ent_type_:
        return None  # (not a name: taggers give names the dative by mistake, "Роберт Бровді")
    if tok.pos_ in ("NOUN", "PROPN", "ADJ", "PRON", "X") and only_dative(ctx, tok):
        return None  # "дітям розповідають, які …": whom it was told, whatever case the tagger read
    if counted_in_oblique_case(ctx, tok):
        return None  # "О гибели двух человек сообщили в ОВА": who died, not who spoke
    first = tok.left_edge
    if first.i < tok.i and first.pos_ == "ADP" and first.lower_ in ctx.pack.non_claimant_words:
        return None  # a topic opens the phrase: "Про ці й інші проблеми … говорилося багато"
    return tok


def only_dative(ctx: DocContext, tok: Token) -> bool:
    """The language's dictionary allows ``tok`` the dative and neither the nominative, the genitive nor the
    accusative ("дітям", "Батькам"; not "Нафтогазу", a genitive too); False for a word it does not know (a
    surname the tagger read as dative) and without a dictionary."""
    cases = dictionary_cases(ctx, tok)
    return "datv" in cases and not cases & {"nomn", "gent", "accs"}


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


#: Penn Treebank tags of finite verbs (English; a tagger's morphology may call a past tense a participle)
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


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
        if t.dep_ in ("ccomp", "csubj") and not c_lo <= t.head.i < c_hi and clausal(t):
            return True
        if inside_noun_phrase(ctx, t, c_lo, c_hi):
            continue  # a relative clause of an object, the cue's adverbial clause ("… before someone could buy …")
        if "Fin" in t.morph.get("VerbForm") or "Short" in t.morph.get("Variant") or t.tag_ in _FINITE_TAGS:
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


def clausal(tok: Token) -> bool:
    """A parser's clause head that is one: a verb or adjective, or a word with a subject, a copula or an
    auxiliary of its own (not a time noun tagged as a complement: "Gajdos said | earlier this week")."""
    return tok.pos_ in ("VERB", "AUX", "ADJ") or any(
        c.dep_.startswith(("nsubj", "csubj", "cop", "aux")) for c in tok.children
    )


#: dependency labels of a clause that modifies a word (UD and spaCy's English labels)
_CLAUSE_MODIFIERS = ("advcl", "acl", "acl:relcl", "relcl")


def inside_noun_phrase(ctx: DocContext, tok: Token, c_lo: int, c_hi: int) -> bool:
    """``tok`` depends, inside tokens [c_lo, c_hi), on a noun, a name, a pronoun or a number (a predicate in a
    modifier of a noun phrase, a relative clause: "the man who was arrested"), or on a phrase the content
    shares with the cue's clause as a modifier or a coordinated clause (an adverbial clause of the cue: "asking
    for a pause | before the vote could be held"; "thanked Lithuania for its support …, where Moscow
    has come under attack", a parser's conjunct of the cue): not the content's own predicate."""
    if not ctx.has_dep:
        return False
    seen = 0
    head = tok
    while head.head.i != head.i and c_lo <= head.head.i < c_hi and seen < 50:
        if head.dep_ in _CLAUSE_MODIFIERS and head.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return True
        head, seen = head.head, seen + 1
    return (
        head.head.i != head.i
        and head.dep_ in (*_CLAUSE_MODIFIERS, "obl", "nmod", "conj")
        # (a clause that opens the content is its own, whatever the parser's label)
        and head.left_edge.i > c_lo
    )


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
    *,
    strict: bool = False,
) -> bool:
    """False for content (tokens [c_lo, c_hi), not quoted) that is no reported proposition although a cue
    governs it (issue 17): without a predicate (:func:`proposition`), the object of a cue flagged ``proposition``
    (a verb that also means something else: "отметит своё пятнадцатилетие", "объявил о инициативе"), the object of a cue flagged ``clause`` ("the detention showed China's determination …"), the infinitive or
    phrase after a passive cue ("results are expected | to be released …"), or a list after a colon that follows
    the cue's object ("отметили три сферы: политическую, …"), an addressee, a place or time phrase
    (:func:`reported_object`), and, with ``strict`` (a verb outside the lexicon), any content without a
    predicate; unless it names an event ("не подтвердил потерю города") or is a whole verbless report before
    its source tail (:func:`source_tail_report`)."""
    if adverbial_clause(ctx, c_lo, c_hi):
        return False
    if ("proposition" in flags and beside_object(ctx, cue, c_lo, c_hi)) or passive_object(
        ctx, cue, c_lo, c_hi
    ):
        return False
    if not ctx.has_pos or proposition(ctx, c_lo, c_hi):
        return True
    if "proposition" in flags and topic_phrase(ctx, c_lo, c_hi):
        return False  # "все нагадує про епоху, яка відійшла …": what it is about, whatever event it names
    if names_event(ctx, c_lo, c_hi) and not strict:
        # a nominalised event is reported too ("не подтвердил потерю города"), by a reporting verb
        return True
    doc = ctx.doc
    k = cue.i + 1
    while k < c_lo and doc[k].is_punct and doc[k].text != ":":
        k += 1
    if k < len(doc) and doc[k].text == ":" and k <= c_lo:
        return True  # a colon right after the cue opens what was said ("Министр подчеркнул: ПВО — приоритет")
    if "proposition" in flags and source_tail_report(ctx, cue, c_lo, c_hi):
        # the flag tells an object after the cue from a statement; a whole report before its source tail is
        # what was said whatever its predicate ("Перевіряти рецепт фармацевт зобов'язаний …, наголошують у …")
        return True
    if flags & {"proposition", "statement"} or ("clause" in flags and not source_like(ctx, subj)):
        return False
    first = next((t for t in doc[c_lo:c_hi] if word(t)), None)
    infinitive = first is not None and (first.tag_ == "TO" or "Inf" in first.morph.get("VerbForm"))
    if (
        ctx.has_dep
        and infinitive
        and any(c.dep_ in ("aux:pass", "nsubj:pass", "auxpass", "nsubjpass") for c in cue.children)
        and not any(c.dep_ in ("obl:agent", "agent") for c in cue.children)
    ):
        return False  # "are expected | to be released", "was admitted | to hospital": no subject in it
    # what is left is an object noun phrase, a place or time phrase, an addressee or an appeal: a whole report
    # before its source tail keeps its verbless form (a headline, "Heavy losses for the enemy, the ministry
    # said"); a reporting verb of the lexicon keeps its object (:func:`reported_object`); any other verb (the
    # tagger's, ``strict``) reports nothing without a proposition ("thanked Gabon for …", "hurl tomatoes")
    if source_tail_report(ctx, cue, c_lo, c_hi):
        return True
    return not strict and reported_object(ctx, cue, flags, c_lo, c_hi)


def subject_in_content(ctx: DocContext, cue: Token, subj: Token, lo: int, content: tuple[int, int]) -> bool:
    """The cue's subject is inside its content [c_lo, c_hi), or, for a cue that opens its sentence (tokens from
    ``lo``), the content goes on after a comma from the subject after the cue, with no verb and no
    complementizer: the list the subject opens ("Доповідали X, командувач …, керівники «…»": who else spoke) or
    the phrases around it ("розповів нашому кореспонденту про ситуацію …, нестачу піхоти …"), no content. (After a
    report, "'…,' said X, an associate professor …", the phrase is the speaker's apposition and the report is
    before the cue.)"""
    c_lo, c_hi = content
    if c_lo <= subj.i < c_hi:
        return True
    doc = ctx.doc
    if any(word(t) for t in doc[lo : cue.i]):
        return False
    k = c_lo
    while k < c_hi and doc[k].is_punct:
        k += 1
    if not (ctx.has_pos and cue.i < subj.i < c_lo and 0 < k < c_hi and doc[k - 1].text == ","):
        return False
    if any(t.pos_ in ("VERB", "AUX") or t.lower_ in ctx.pack.complementizers for t in doc[k:c_hi]):
        return False
    first = doc[k]
    listed = first.pos_ in ("NOUN", "PROPN") and (
        "Nom" in first.morph.get("Case") or "nomn" in dictionary_cases(ctx, first)
    )
    return listed or not proposition(ctx, c_lo, c_hi)


def topic_phrase(ctx: DocContext, c_lo: int, c_hi: int) -> bool:
    """Tokens [c_lo, c_hi) open with a preposition of the pack's ``non_claimant_words`` (a topic: "про", "о")
    and hold no complementizer: a phrase naming what a cue is about ("нагадує про епоху, яка відійшла"), not a
    clause ("нагадав про те, що …") nor where it was said ("вказала в тендерній документації про …"), nor a
    verb or an event named before any relative clause ("объявил об отставке тренера", "о намерении
    сформировать коалицию": what happened or is intended is reported)."""
    doc = ctx.doc
    first = next((t for t in doc[c_lo:c_hi] if not t.is_punct), None)
    if (
        first is None
        or first.pos_ != "ADP"
        or first.lower_ not in ctx.pack.non_claimant_words
        or any(t.lower_ in ctx.pack.complementizers for t in doc[c_lo:c_hi])
    ):
        return False
    own_hi = next((t.i for t in doc[c_lo:c_hi] if in_relative_clause(t, c_lo, c_hi)), c_hi)
    if any(t.pos_ in ("VERB", "AUX") for t in doc[c_lo:own_hi]):
        return False  # "объявил о намерении сформировать коалицию": what is intended
    return not names_event(ctx, c_lo, own_hi)


def appeal(ctx: DocContext, cue: Token, c_lo: int, c_hi: int) -> bool:
    """Tokens [c_lo, c_hi) hold an infinitive of the cue: an appeal, its addressee and what they are to do
    ("called on both sides | to exercise restraint"), not something said to be so."""
    return any(
        "Inf" in t.morph.get("VerbForm")
        and t.head.i == cue.i
        # the complement's infinitive, not a verb a parser coordinated with the cue ("said buses no longer enter")
        and (t.dep_ == "xcomp" or any(c.tag_ == "TO" for c in t.children))
        for t in ctx.doc[c_lo:c_hi]
    )


def reported_object(ctx: DocContext, cue: Token, flags: frozenset[str], c_lo: int, c_hi: int) -> bool:
    """The object of a reporting verb of the lexicon, after it, stays its content ("denied the charges",
    "прогнозують зниження ставки": what PolNeAR annotates too), unless it is the addressee of a cue flagged
    ``addressee`` ("told the news agency Tanjug"), a pronoun ("dismissed him"), an appeal (the cue's infinitive:
    "called on both sides to exercise restraint"), or a prepositional or time phrase, not an object at all
    ("added | to early gains", "said | earlier this week")."""
    if "addressee" in flags or c_lo <= cue.i:
        return False
    if appeal(ctx, cue, c_lo, c_hi):
        return False
    first = next((t for t in ctx.doc[c_lo:c_hi] if word(t)), None)
    if first is None or first.pos_ in ("ADP", "SCONJ") or whom_only(ctx, c_lo, c_hi):
        return False
    return first.lower_ not in ctx.pack.time_words and not any(
        first.lower_.startswith(p) for p in ctx.pack.weekday_prefixes
    )


def adverbial_clause(ctx: DocContext, c_lo: int, c_hi: int) -> bool:
    """Tokens [c_lo, c_hi) open with the conjunction of an adverbial clause ("… kept winning his matches
    | as he went on to take the title …", "… because …"): a circumstance of the main clause, not what was said
    (a complementizer, "that", "что", opens a complement clause, and a parser's ``ccomp`` is one too)."""
    if not ctx.has_dep:
        return False
    first = next((t for t in ctx.doc[c_lo:c_hi] if not t.is_punct), None)
    return (
        first is not None
        # (also a wh-adverb before the clause's governor: "When Arafat returned …, he said …"; after it, "have not
        # said when …" is an indirect question, which PolNeAR annotates)
        and (first.dep_ == "mark" or (first.tag_ == "WRB" and first.head.i < first.head.head.i))
        and first.lower_ not in ctx.pack.complementizers
        and first.head.dep_ == "advcl"
        and c_lo <= first.head.i < c_hi
    )


def demand_or_circumstance(
    ctx: DocContext, cue: Token, c_lo: int, flags: frozenset[str] = frozenset(), subj: Token | None = None
) -> bool:
    """The cue reports nothing said to be so: its complement after it opens with a purpose conjunction (the
    pack's ``purpose_conjunctions``: "Я наполягаю, щоб ми …", "наполягати на тому, щоб …", "сказав, щоб …",
    "потребовал, чтобы …": a demand or wish, which issue 17 never counts as a claim), or the cue is the verb of
    an adverbial or relative clause opened by one of the pack's ``circumstance_conjunctions`` and has no
    complement of its own ("коли ми з вами говоримо, …": a circumstance, not a report; "як зазначив X, …" is
    one), or by a purpose conjunction ("І щоб не армія говорила, …": a wish); or a cue flagged ``source``
    (uk "показати") has a subject that is no source (:func:`source_like`: "Випадок … показав, що …",
    "діяльність уряду показала, що …": an event or a state shows it, nobody says it)."""
    if not ctx.has_dep:
        return False
    if "source" in flags and subj is not None and not source_like(ctx, subj):
        return True
    doc, pack = ctx.doc, ctx.pack
    if c_lo > cue.i:
        k = c_lo - 1
        while k > cue.i and doc[k].is_punct:
            k -= 1
        first = next((t for t in doc[c_lo:] if not t.is_punct), None)
        if doc[k].lower_ in pack.purpose_conjunctions or (
            first is not None and first.lower_ in pack.purpose_conjunctions
        ):
            return True
    marks = [c.lower_ for c in cue.children if c.dep_ == "mark" and c.i < cue.i]
    if any(m in pack.purpose_conjunctions for m in marks):
        return True  # "І щоб не армія говорила, а …", "хочу, щоб він сказав, що …": a wish, whatever follows
    # "When he announced …": an English wh-adverb is the clause's advmod, not its mark
    marks += [c.lower_ for c in cue.children if c.dep_ == "advmod" and c.i < cue.i]
    return (
        cue.dep_.startswith(("advcl", "acl"))
        and any(m in pack.circumstance_conjunctions for m in marks)
        and not any(c.dep_ in ("ccomp", "csubj") or c.text == ":" for c in cue.children)
    )


def learned_content_holds(ctx: DocContext, claim: Claim) -> bool:
    """An indirect claim (of the learned tagger, whose cue may be any verb) reports a proposition: its unquoted
    content passes :func:`reported_content` with its cue, as the rules' claims do ("hurl | some 100 tonnes of
    tomatoes", a table's "CALL | A 96.00 PCT …"); a cue outside the lexicon needs a verb and a claimant, and
    reports only a proposition unless the claimant is of a known type (a person, an organisation …)."""
    if claim.attribution != "indirect" or claim.cue_span is None:
        return True
    cue = ctx.doc.char_span(*claim.cue_span, alignment_mode="expand")
    content = ctx.doc.char_span(claim.content_start, claim.content_end, alignment_mode="expand")
    if cue is None or content is None:
        return True
    if (
        writer_after_cue(ctx, cue.end, content.end)
        or claim.content_start <= claim.cue_span[0] < claim.content_end
    ):
        return False  # (nor a content around its own cue: '"A," the ministry said in a statement. "B."')
    source = claim.claimant_span
    if (
        source is not None
        and claim.content_start <= source[0] < source[1] <= claim.content_end
        and source[1] - source[0] < len(claim.content)
    ):
        return False  # nor one that runs on into its own source: "A, the air force | said"
    quoted = inside(ctx.quotes, claim.content_start, claim.content_end)
    c_lo, c_hi = content.start, content.end
    # the cue's reporting word of the lexicon if it has one ("is telling"), else its head
    verb = next((t for t in cue if t.i in ctx.cue_meta), cue.root)
    own = ctx.cue_meta[verb.i][1] if verb.i in ctx.cue_meta else frozenset()
    if "addressee" in own and any(before_quotation(ctx, c) for c in verb.children if c_lo <= c.i < c_hi):
        return False  # "told | a crowd of … Los Angeles, "Keep …"": whom it was told is not what was said
    if quoted > 0.5 or (quoted > 0 and "proposition" not in own):
        # (a quoted word in the object of "accused X of 'raising the white flag'" is no quotation)
        return True
    modifier = ctx.has_dep and verb.dep_ == "acl" and c_lo > verb.i
    if modifier:
        # a participle modifying a noun reports within its own phrase, and only a proposition ("The new
        # plan, calling for a pause …, was first drafted …": the main clause is the writer's)
        c_hi = min(c_hi, verb.right_edge.i + 1)
    if (
        ctx.has_dep
        and (verb.lemma_ or verb.lower_).lower() in ctx.pack.quoting_verbs
        and any(stance.quoted_participle(ctx, verb, t) for t in ctx.doc[verb.i + 1 : c_hi])
    ):
        return False  # "The paper quoted | Ortiz's lawyer as saying he …": the one quoted is the speaker
    # a reporting verb of the lexicon (the rules found it: ``cue_meta``) stands as combine weighed it; any other
    # verb needs a claimant and, unless that is of a known type, a proposition
    flags = ctx.cue_meta[verb.i][1] if verb.i in ctx.cue_meta else frozenset()
    lexicon = verb.i in ctx.cue_meta
    if not lexicon and unsourced(claim, verb):
        return False
    if lexicon and not modifier:
        # the addressee or an appeal alone is no content ("told | the state news agency", "called on | both
        # sides to exercise restraint")
        alone = ("addressee" in flags and not proposition(ctx, c_lo, c_hi)) or appeal(ctx, verb, c_lo, c_hi)
        # (combine weighed its content with the rules' test, unless the tagger's corpus knows the cue; weighing
        # every content again here costs PolNeAR recall, measured 0.009 content F1: only a cue whose object is
        # no statement, "vows | support measures", "accused X of …", and an agentless passive are weighed again)
        weighed = flags & {"proposition", "statement"}
        stand = bool(weighed) and not reported_content(ctx, verb, flags, c_lo, c_hi)
        return not (
            alone
            or stand
            or passive_object(ctx, verb, c_lo, c_hi)
            or whom_only(ctx, c_lo, c_hi)
            or (c_hi <= verb.i and adverbial_clause(ctx, c_lo, c_hi))
        )
    # any other verb of a named source keeps its object as PolNeAR does ("X backed Clinton"); of a noun phrase
    # the types do not know ("London shares added …", "the dollar's gains were …, suggesting"), only a
    # proposition
    strict = modifier or (not lexicon and claim.claimant_type in (None, "anonymous"))
    return c_hi > c_lo and reported_content(ctx, verb, flags, c_lo, c_hi, strict=strict)


def writer_after_cue(ctx: DocContext, after: int, c_hi: int) -> bool:
    """The content (ending before token ``c_hi``) runs on past the end of the cue's sentence (a full stop after
    token ``after``) into words outside quotation marks: the writer's next sentence ('"…," she said. | The girl
    was abducted …'), not what was said."""
    doc = ctx.doc
    for k in range(after, c_hi):
        if doc[k].text in (".", "!", "?") and not inside(ctx.quotes, doc[k].idx, doc[k].idx + 1):
            return any(
                word(t) and not inside(ctx.quotes, t.idx, t.idx + len(t.text)) for t in doc[k + 1 : c_hi]
            )
    return False


def unsourced(claim: Claim, verb: Token) -> bool:
    """No one said it ("fears faded that …": no claimant), or no verb said it ("one of the most promising …")."""
    return claim.claimant is None or verb.pos_ in ("ADJ", "ADV", "NOUN", "PROPN", "NUM", "ADP", "DET", "PRON")


def source_tail_report(ctx: DocContext, cue: Token, c_lo: int, c_hi: int) -> bool:
    """Tokens [c_lo, c_hi) are everything of their sentence before the cue's source tail: the content ends
    before the cue with a comma or dash between them, and only punctuation precedes it in its sentence (not a
    phrase cut from a longer report: "… located about | two blocks from the palace |, police said")."""
    doc = ctx.doc
    if c_hi > cue.i or c_hi <= c_lo:
        return False
    if not any(t.text in (",", "—", "–", "-") for t in doc[c_hi : cue.i]):
        return False  # (the cue's subject may stand between: "…, the governor said"; "…, said X")
    first = doc[c_lo]
    return all(t.is_punct or t.is_space for t in doc[first.sent.start : c_lo])


def only_a_name(ctx: DocContext, c_lo: int, c_hi: int) -> bool:
    """Tokens [c_lo, c_hi) are one person's or organisation's name and nothing else: the subject of a verb
    after its object ("Сценарій фільму написав Андрій Курков"), never what was said."""
    words = [t for t in ctx.doc[c_lo:c_hi] if not t.is_punct]
    if not words:
        return False
    ents = ctx.ents_within(c_lo, c_hi)
    return any(
        ent.label_ in ("PER", "ORG") and ent.start <= words[0].i and words[-1].i < ent.end for ent in ents
    )


def not_a_place(ctx: DocContext, s: int, e: int) -> bool:
    """Tokens [s, e) open with a preposition whose noun is not in the locative (languages without articles): a
    place that spoke is a source ("…, заявили в пресс-службе губернатора"), what a report points to is not
    ("документы, указывающие на его причастность к перевороту")."""
    if ctx.pack.articles or not ctx.has_pos or ctx.doc[s].pos_ != "ADP":
        return False
    noun = next((t for t in ctx.doc[s:e] if t.pos_ in ("NOUN", "PROPN")), None)
    return noun is None or "Loc" not in noun.morph.get("Case")
