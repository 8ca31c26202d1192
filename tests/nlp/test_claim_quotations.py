"""A quotation over several sentences is one claim (issue 17): its content is the whole quotation, its
``sentence_index`` the quotation's first sentence, its claimant the speaker named before or after it (not a name
of an earlier sentence). English, Russian and Ukrainian; sentences written for claimflow."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.nlp.conftest import pipeline, run_claims

PUBLISHED = datetime(2025, 5, 6, 9, 0, tzinfo=UTC)

CASES = [
    # (language, text, the quotation, the speaker's word in the claimant)
    ("en", 'The mayor visited the school on Monday. "The roof is gone. The children study in the basement. '
     'We need help before winter," said Olena Koval, the headteacher.',
     "The roof is gone. The children study in the basement. We need help before winter", "Koval"),
    ("en", 'Olena Koval, the headteacher, said: "The roof is gone. The children study in the basement. '
     'We need help before winter."',
     "The roof is gone. The children study in the basement. We need help before winter", "Koval"),
    ("ru", "Мэр посетил школу в понедельник. «Крыши больше нет. Дети учатся в подвале. Нам нужна помощь "
     "до зимы», — отметила директор школы Елена Коваль.",
     "Крыши больше нет. Дети учатся в подвале. Нам нужна помощь до зимы", "Коваль"),
    ("uk", "Мер відвідав школу в понеділок. «Даху більше немає. Діти навчаються в підвалі. Нам потрібна "
     "допомога до зими», — каже директорка школи Олена Коваль.",
     "Даху більше немає. Діти навчаються в підвалі. Нам потрібна допомога до зими", "Коваль"),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "text", "quotation", "speaker"), CASES)
def test_quotation_over_sentences_is_one_claim(lang: str, text: str, quotation: str, speaker: str) -> None:
    claims = run_claims(pipeline(lang, True), text, PUBLISHED)
    inside = [c for c in claims if c["content_start"] >= text.index(quotation[:10])]
    assert [c["content"] for c in inside] == [quotation]
    c = inside[0]
    assert c["attribution"] == "direct_quote" and speaker in (c["claimant"] or "")
    assert c["sentence_index"] == (0 if text.startswith(c["claimant"] or "-") else 1)
    assert text[c["content_start"] : c["content_end"]] == quotation
