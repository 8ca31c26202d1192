"""claimflow's entity labels and the one table that maps other pipelines' NER labels onto them."""

from __future__ import annotations

LABELS = ("PER", "LOC", "ORG", "MISC")

#: spaCy / OntoNotes / WikiNER / NER-UK labels → claimflow's labels. Labels not listed are dropped.
LABEL_MAP: dict[str, str] = {
    "PER": "PER",
    "PERS": "PER",
    "PERSON": "PER",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "GPE": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "NORP": "MISC",
    "MISC": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
