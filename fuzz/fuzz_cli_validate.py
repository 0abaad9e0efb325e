"""Coverage-guided fuzzing of ``ctocmodel validate`` on a file of arbitrary bytes, with atheris.

The command must say valid or invalid (exit code 0 or 1), in its text, JSON and JSON
Lines modes, and never end in a traceback. Run it for a bounded time:

    python -m pip install atheris
    python fuzz/fuzz_cli_validate.py -max_total_time=60 fuzz/corpus/cli_validate

A crash is written to ``crash-*``: fix it and keep the input in ``fuzz/regressions/``,
which ``tests/test_fuzz.py`` replays through the same command.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout

import atheris

with atheris.instrument_imports(include=["ctocmodel"]):
    import ctocmodel._io
    import ctocmodel._jsonl
    import ctocmodel._model
    import ctocmodel.converters
    from ctocmodel.cli import main as cli_main

FOLDER = tempfile.mkdtemp(prefix="ctocmodel-fuzz-")
PATH = os.path.join(FOLDER, "input.json")
MODES = ([], ["--format", "json"], ["--jsonl"])


def validate(options: list[str]) -> tuple[int, str, str]:
    """Run ``ctocmodel validate OPTIONS PATH``: exit code, standard output and error.

    The streams encode as a terminal's or a pipe's do: standard output in strict
    UTF-8, so that text it cannot write (a lone surrogate) fails as it would for real.
    """
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", errors="strict")
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", errors="backslashreplace")
    with redirect_stdout(out), redirect_stderr(err):
        code = cli_main(["validate", *options, PATH])
        out.flush()
        err.flush()
    return code, out_bytes.getvalue().decode(), err_bytes.getvalue().decode()


def test_one_input(data: bytes) -> None:
    """Validate *data* from a file in every mode; only exit codes 0 and 1 are allowed."""
    with open(PATH, "wb") as handle:
        handle.write(data)
    for options in MODES:
        code, out, err = validate(options)
        assert code in (0, 1), f"validate {options} exited with {code}: {err}"
        assert "Traceback" not in err, err
        if "json" in options:
            [report] = json.loads(out)
            assert report["status"] == ("valid" if code == 0 else "invalid"), report
        else:
            lines = out.splitlines()
            assert lines, "validate printed nothing"
            assert (code == 0) == (lines == [f"{PATH}: valid"]), out


def main() -> None:
    """Run the fuzzer with libFuzzer's command-line options."""
    ctocmodel._io.default_converter()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
