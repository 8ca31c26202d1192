"""``spacy train`` in a subprocess for the component recipes (attribution tagger, claim-worthiness)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def spacy_train(
    config: Path,
    what: str,
    work: Path,
    paths: dict[str, Path],
    *,
    max_steps: int,
    eval_frequency: int,
    log: Path,
    code: Path | None = None,
    overrides: list[str] | None = None,
) -> Path:
    """Train ``config`` on ``paths["train"]``/``paths["dev"]`` into ``work/model``, logging to ``log``; return the
    model-best directory (model-last when there is none); ``code``: a module that registers functions the config
    names; ``overrides``: more ``--section.key value`` arguments. A failed run raises with ``what`` and the log's
    tail."""
    out = work / "model"
    if out.exists():
        shutil.rmtree(out)
    cmd = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(out)]
    cmd += ["--paths.train", str(paths["train"]), "--paths.dev", str(paths["dev"])]
    cmd += ["--training.max_steps", str(max_steps), "--training.eval_frequency", str(eval_frequency)]
    if code is not None:
        cmd += ["--code", str(code)]  # registers the config's own functions (a corpus reader)
    cmd += overrides or []
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as f:
        proc = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, cwd=REPO, check=False)
    if proc.returncode != 0:
        tail = "".join(log.read_text(encoding="utf-8").splitlines(keepends=True)[-30:])
        raise RuntimeError(f"spacy train failed for the {what} (exit {proc.returncode}):\n{tail}")
    best = out / "model-best"
    return best if best.exists() else out / "model-last"
