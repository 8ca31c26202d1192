"""Schema versioning against schemas/history, and the generated data dictionary."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pipelines import dictionary
from pipelines.dictionary import (
    DEFAULT_OUTPUT,
    REGENERATE_COMMAND,
    breaking_changes,
    compatibility_problems,
    frozen_specs,
    parse_version,
    render_dictionary,
)
from pipelines.schema import TABLES, ColumnSpec, TableSpec, table_spec


def test_the_current_schemas_do_not_break_any_frozen_version() -> None:
    problems = compatibility_problems()
    assert not problems, "schema changes that break readers:\n" + "\n".join(problems)


def test_every_table_has_a_frozen_version_of_its_major() -> None:
    history = frozen_specs()
    assert "1.0" in history and set(history["1.0"]) == set(TABLES)
    for table in TABLES:
        major = parse_version(table_spec(table).schema_version)[0]
        assert any(parse_version(v)[0] == major and table in specs for v, specs in history.items()), table


def _with(
    spec: TableSpec, version: str, columns: list[ColumnSpec] | None = None, **changes: object
) -> TableSpec:
    cols = tuple(columns) if columns is not None else spec.columns
    return dataclasses.replace(spec, schema_version=version, columns=cols, **changes)  # type: ignore[arg-type]


def _replace(spec: TableSpec, column: str, **changes: object) -> list[ColumnSpec]:
    return [dataclasses.replace(c, **changes) if c.name == column else c for c in spec.columns]  # type: ignore[arg-type]


OLD = table_spec("claims")
BREAKING = {
    "removed": _with(OLD, "1.1", [c for c in OLD.columns if c.name != "cue"]),
    "renamed": _with(OLD, "1.1", _replace(OLD, "cue", name="cue_lemma")),
    "type": _with(OLD, "1.1", _replace(OLD, "sentence_index", type="int64")),
    "nullable to non-null": _with(OLD, "1.1", _replace(OLD, "cue", nullable=False)),
    "non-null to nullable": _with(OLD, "1.1", _replace(OLD, "content", nullable=True)),
    "primary key": _with(OLD, "1.1", primary_key=("article_id", "sentence_index")),
    "partitions": _with(OLD, "1.1", partition_by=("published_date",)),
    "new non-null column": _with(OLD, "1.1", [*OLD.columns, ColumnSpec("score", "float64", False, "d")]),
}


@pytest.mark.parametrize("change", sorted(BREAKING))
def test_breaking_changes_fail_within_a_major_version(change: str) -> None:
    new = BREAKING[change]
    assert breaking_changes(OLD, new)
    problems = compatibility_problems({**_current(), "claims": new}, {"1.0": {"claims": OLD}})
    assert problems and all("bump schemas/tables/claims.json to 2.0" in p for p in problems)
    # The same change is allowed with a new major version.
    bumped = dataclasses.replace(new, schema_version="2.0")
    assert compatibility_problems({**_current(), "claims": bumped}, {"1.0": {"claims": OLD}}) == []


def _current() -> dict[str, TableSpec]:
    return {t: table_spec(t) for t in TABLES}


def test_additive_nullable_columns_are_fine_with_a_minor_bump() -> None:
    added = [*OLD.columns, ColumnSpec("translation", "string", True, "English translation of the content.")]
    frozen = {"1.0": {"claims": OLD}}
    assert compatibility_problems({**_current(), "claims": _with(OLD, "1.1", added)}, frozen) == []
    unbumped = compatibility_problems({**_current(), "claims": _with(OLD, "1.0", added)}, frozen)
    assert len(unbumped) == 1 and "bump it to 1.1" in unbumped[0]
    backwards = compatibility_problems({**_current(), "claims": _with(OLD, "0.9")}, frozen)
    assert backwards and "went backwards" in backwards[0]
    edited_text = _with(OLD, "1.0", _replace(OLD, "cue", description="Reworded."))
    assert compatibility_problems({**_current(), "claims": edited_text}, frozen) == []


def test_freeze_copies_new_versions_and_never_overwrites(tmp_path: Path) -> None:
    written = dictionary.freeze(tmp_path)
    assert sorted(p.name for p in written) == sorted(f"{t}.json" for t in TABLES)
    assert dictionary.freeze(tmp_path) == []
    expected: dict[str, dict[str, TableSpec]] = {}
    for table, spec in _current().items():
        expected.setdefault(spec.schema_version, {})[table] = spec
    assert frozen_specs(tmp_path) == expected


def test_the_committed_data_dictionary_is_current() -> None:
    committed = DEFAULT_OUTPUT.read_text("utf-8") if DEFAULT_OUTPUT.exists() else ""
    assert committed == render_dictionary(), (
        f"{DEFAULT_OUTPUT} is stale: regenerate it with `{REGENERATE_COMMAND}` and commit it"
    )


def test_the_dictionary_documents_every_column() -> None:
    text = render_dictionary()
    for table in TABLES:
        spec = table_spec(table)
        section = text.split(f"\n## {table}\n", 1)[1].split("\n## ", 1)[0]
        assert f"Schema version: {spec.schema_version}" in section
        for col in spec.columns:
            nullable = "yes" if col.nullable else "no"
            line = next(ln for ln in section.splitlines() if ln.startswith(f"| `{col.name}`"))
            assert f"| `{col.type}` | {nullable} |" in line, line


def test_check_exits_1_when_stale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tables.md"
    assert dictionary.main(["--check", "--output", str(out)]) == 1
    assert REGENERATE_COMMAND in capsys.readouterr().err
    assert dictionary.main(["--output", str(out)]) == 0
    assert dictionary.main(["--check", "--output", str(out)]) == 0
    out.write_text(out.read_text("utf-8") + "hand edit\n", "utf-8")
    assert dictionary.main(["--check", "--output", str(out)]) == 1
