"""pipelines.lean_imports: the ``claimflow`` process imports Beam and the run's modules without pandas or MongoDB's client (which
Beam's optional type hints, CSV readers and MongoDB connector would import), and pandas still imports for anyone who asks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

#: the modules a `claimflow run` imports, in a fresh interpreter; prints whether pandas or MongoDB's client came
_RUN_IMPORTS = """
import sys
{install}
import apache_beam
import pipelines.commands, pipelines.job, pipelines.progress
from apache_beam.runners.portability.fn_api_runner import FnApiRunner
print("pandas" in sys.modules or "pymongo" in sys.modules or "bson" in sys.modules)
"""


def _imports_skipped(install: bool) -> bool:
    code = _RUN_IMPORTS.format(
        install="from pipelines import lean_imports; lean_imports.install()" if install else ""
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert "bson" not in out.stderr  # Beam's warning about the MongoDB client it did not find is dropped
    return out.stdout.strip().splitlines()[-1] == "True"


def test_run_imports_skip_pandas_only_with_the_finder() -> None:
    pytest.importorskip("pandas")  # a development dependency: without it there is nothing to skip
    assert _imports_skipped(install=False)  # Beam imports it by itself (so this test can fail)
    assert not _imports_skipped(install=True)


#: a run's table rows checked against their Arrow schema (pyarrow asks for pandas on its first such conversion),
#: then pyarrow's own pandas conversion, which must still find pandas
_ROWS_THEN_PANDAS = """
import sys
{install}
import pyarrow as pa
from pipelines.rows import to_arrow
to_arrow("rejects", [])
print("pandas" in sys.modules)
print(pa.table({{"a": [1, 2]}}).to_pandas().shape)
"""


def test_rows_arrow_check_skips_pandas_and_pyarrow_still_finds_it() -> None:
    pytest.importorskip("pandas")
    for install, imported in ((False, "True"), (True, "False")):  # without the finder pyarrow imports it
        code = _ROWS_THEN_PANDAS.format(
            install="from pipelines import lean_imports; lean_imports.install()" if install else ""
        )
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.split()
        assert out[-3:] == [imported, "(2,", "1)"]


def test_pandas_still_imports_for_anyone_else() -> None:
    pytest.importorskip("pandas")
    code = (
        "from pipelines import lean_imports; lean_imports.install()\n"
        "import apache_beam.typehints, pandas\n"
        "print(pandas.DataFrame({'a': [1, 2]}).shape)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "(2, 1)"


def test_install_is_idempotent_and_undone() -> None:
    from pipelines import lean_imports

    was_installed = (
        lean_imports._FINDER in sys.meta_path
    )  # cli.main, run in-process by other tests, installs it
    try:
        lean_imports.install()
        lean_imports.install()
        assert sum(f is lean_imports._FINDER for f in sys.meta_path) == 1
        lean_imports.uninstall()
        assert lean_imports._FINDER not in sys.meta_path
    finally:
        if was_installed:
            lean_imports.install()
        else:
            lean_imports.uninstall()


def test_cli_main_installs_it() -> None:
    code = (
        "import sys\n"
        "from pipelines import cli, lean_imports\n"
        "try:\n"
        "    cli.main(['topics', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(lean_imports._FINDER in sys.meta_path)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "True"
