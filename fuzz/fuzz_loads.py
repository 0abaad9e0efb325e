"""Coverage-guided fuzzing of `ctocmodel.loads` on arbitrary bytes, with atheris.

Only `ctocmodel.ValidationError` may escape; a document that is read must round-trip
(``loads(dumps(x)) == x``, ``dumps`` a fixed point), and reading the same input as
bytes or as text must give the same verdict. Run it for a bounded time:

    python -m pip install atheris
    python fuzz/fuzz_loads.py -max_total_time=60 fuzz/corpus/loads

New interesting inputs are added to the first corpus folder given; a crash is written
to ``crash-*`` (see ``-artifact_prefix``): fix it and keep the input in
``fuzz/regressions/``, which ``tests/test_fuzz.py`` replays.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["ctocmodel"]):
    import ctocmodel
    import ctocmodel._io
    import ctocmodel._jsonl
    import ctocmodel._model
    import ctocmodel.converters
    from ctocmodel import ValidationError


def outcome(data: bytes | str) -> ctocmodel.Dataset | list[tuple[str, str]]:
    """The dataset read from *data*, or its problems as (path, message) pairs."""
    try:
        return ctocmodel.loads(data)
    except ValidationError as error:
        problems = [(problem.path, problem.message) for problem in error.errors]
    assert problems, "a ValidationError lists at least one problem"
    return problems


def test_one_input(data: bytes) -> None:
    """Read *data*; check the verdict and, for a dataset, its round trip."""
    result = outcome(data)
    if isinstance(result, ctocmodel.Dataset):
        text = ctocmodel.dumps(result)
        again = ctocmodel.loads(text)
        assert again == result, "the canonical form reads back as another dataset"
        assert ctocmodel.dumps(again) == text, "the canonical form is not a fixed point"
    try:
        text_input = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    if text_input.startswith("\ufeff"):
        return  # refused either way, with the same message
    assert outcome(text_input) == result, "bytes and text of one document disagree"


def main() -> None:
    """Run the fuzzer with libFuzzer's command-line options."""
    ctocmodel._io.default_converter()  # build the hooks once, outside the timed runs
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
