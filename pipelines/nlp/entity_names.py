"""The base form of an entity mention: the ``entities.name`` column.

Russian and Ukrainian names inflect ("Києва", "Києві", "Київ"), so the rows of one name differ in ``text``;
``name`` is the mention in the nominative by the pymorphy3 dictionary, so that analysts can group and join
them: a person's name word by word, in a case and gender every word allows ("Олени Зеленської" → "Олена
Зеленська", "Байденом" → "Байден"), a place, organisation or other name up to its first noun, reading it as a place or thing rather
than a person ("Харкові" → "Харків", not the surname "Харко"; "Міністерства оборони України" → "Міністерство
оборони України", "Донецькій області" → "Донецька область"). Words the
dictionary does not know, acronyms and the mentions of other languages stay as written; line breaks and runs
of spaces inside a mention become one space. ``entities.canonical`` is the alias table's name, a different
thing: "Генштабу ЗСУ" is named "Генштаб ЗСУ" here and "General Staff of the Armed Forces of Ukraine" there.
"""

from __future__ import annotations

from pipelines.nlp.claims.canonical import nominative_name, nominative_phrase


def entity_name(lang: str, text: str, label: str) -> str:
    """The base form of a mention ``text`` with claimflow's ``label`` (PER, LOC, ORG, MISC) in ``lang``."""
    flat = " ".join(text.split())
    return nominative_name(lang, flat) if label == "PER" else nominative_phrase(lang, flat, proper=True)
