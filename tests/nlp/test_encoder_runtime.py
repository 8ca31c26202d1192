"""The run time of fine-tuned transformer encoders (pipelines/nlp/encoder.py): what a model directory must hold,
and the messages that say what was received and what is allowed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.nlp.encoder import EncoderError, EncoderSpec, is_encoder_model, load_encoder


def _spec_dir(tmp_path: Path, **spec: object) -> Path:
    (tmp_path / "encoder.json").write_text(json.dumps(spec), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"kind": "tags", "labels": ["O"]}, "received kind 'tags'; allowed: ['token', 'sequence']"),
        ({"kind": "token", "labels": []}, "received labels []; allowed: a list of strings"),
        (
            {"kind": "token", "labels": ["O"], "window": 256, "stride": 300},
            "allowed: 0 < stride <= window - 2",
        ),
        ({"kind": "token", "labels": ["O"], "window": 1024, "stride": 128}, "window <= 512"),
    ],
)
def test_spec_errors_say_what_is_allowed(tmp_path: Path, spec: dict[str, object], message: str) -> None:
    with pytest.raises(EncoderError, match=message.replace("[", r"\[").replace("]", r"\]")):
        EncoderSpec.read(_spec_dir(tmp_path, **spec))


def test_a_directory_without_the_model_files_is_refused(tmp_path: Path) -> None:
    _spec_dir(tmp_path, kind="token", labels=["O"])
    assert is_encoder_model(tmp_path)
    with pytest.raises(EncoderError, match=r"missing \['model.onnx', 'tokenizer.json'\]"):
        load_encoder(tmp_path)
