"""Issue 12: every `claimflow run`/`replay` command line in the README and infra/ docs passes claimflow's option
check (unknown options are usage errors; runner-only options go after `--`)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from pipelines.cli import parse_args

ROOT = Path(__file__).resolve().parents[2]
DOCS = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
    *sorted((ROOT / "infra").rglob("README.md")),
]


def documented_commands() -> list[tuple[str, list[str]]]:
    """(where, argv after `claimflow`) for each `claimflow run|replay` command in a fenced code block."""
    found = []
    for doc in DOCS:
        in_code, pending, start = False, "", 0
        for number, line in enumerate(doc.read_text("utf-8").splitlines(), start=1):
            if line.lstrip().startswith("```"):
                in_code, pending = not in_code, ""
                continue
            if not in_code:
                continue
            if pending:
                pending += " " + line.strip()
            elif match := re.search(
                r"(?<!-n )\bclaimflow (run|replay)\b", line
            ):  # not `kubectl -n claimflow run`
                pending, start = line[match.start() :].strip(), number
            else:
                continue
            if pending.endswith("\\"):
                pending = pending[:-1]
                continue
            text = re.sub(r"\s#.*$", "", pending)  # a trailing comment
            words = [w for w in shlex.split(text) if w != "…"]
            found.append((f"{doc.relative_to(ROOT)}:{start}", words[1:]))
            pending = ""
    return found


COMMANDS = documented_commands()


def test_the_docs_hold_runner_commands() -> None:
    assert len(COMMANDS) >= 5
    assert any("--" in argv and "--checkpointing_interval=60000" in argv for _, argv in COMMANDS)


@pytest.mark.parametrize(("where", "argv"), COMMANDS, ids=[w for w, _ in COMMANDS])
def test_documented_command_lines_are_accepted(where: str, argv: list[str]) -> None:
    args, _ = parse_args(argv)
    assert args.command in ("run", "replay"), where
