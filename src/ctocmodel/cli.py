"""The ``ctocmodel`` command: validate and summarize datasets without writing Python.

Exit codes: 0 success (all files valid); 1 a file is not a valid dataset;
2 wrong usage or a file that cannot be read.
"""

from __future__ import annotations

import argparse
import sys

# Not typing.TYPE_CHECKING: importing typing alone takes longer than the rest of a
# start-up; the model too loads only when a command needs it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from ._model import Dataset

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class _Unreadable(Exception):
    """A file that could not be read at all (missing, a folder, no permission)."""


def _version() -> str:
    from ._version import VERSION

    return VERSION


def _read(name: str) -> bytes:
    try:
        if name == "-":
            return sys.stdin.buffer.read()
        with open(name, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise _Unreadable(error.strerror or str(error)) from None


def _display_name(name: str) -> str:
    return "<stdin>" if name == "-" else name


def _problem_line(file: str, path: str, message: str) -> str:
    # The empty pointer designates the whole document: "FILE: message" then.
    return f"{file}:{path}: {message}" if path else f"{file}: {message}"


def _validate(args: argparse.Namespace) -> int:
    import json

    from ._io import loads
    from .errors import ValidationError

    results: list[dict[str, Any]] = []
    for name in args.files:
        shown = _display_name(name)
        try:
            loads(_read(name))
        except _Unreadable as error:
            results.append({"file": shown, "status": "unreadable", "message": str(error)})
        except ValidationError as error:
            problems = [{"path": p.path, "message": p.message} for p in error.errors]
            results.append({"file": shown, "status": "invalid", "problems": problems})
        else:
            results.append({"file": shown, "status": "valid", "problems": []})
    if args.format == "json":
        json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for result in results:
            if result["status"] == "unreadable":
                print(
                    f"ctocmodel: cannot read {result['file']}: {result['message']}", file=sys.stderr
                )
            elif result["status"] == "valid":
                print(f"{result['file']}: valid")
            else:
                for problem in result["problems"]:
                    print(_problem_line(result["file"], problem["path"], problem["message"]))
    statuses = {result["status"] for result in results}
    if "unreadable" in statuses:
        return EXIT_USAGE
    return EXIT_INVALID if "invalid" in statuses else EXIT_OK


def _load_for_reading(name: str | None) -> Dataset:
    from . import examples
    from ._io import loads

    return examples.cop7() if name is None else loads(_read(name))


def _summary(args: argparse.Namespace) -> int:
    from ._summary import summarize
    from .errors import ValidationError

    try:
        dataset = _load_for_reading(args.file)
    except _Unreadable as error:
        print(f"ctocmodel: cannot read {_display_name(args.file)}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ValidationError as error:
        shown = _display_name(args.file)
        print(f"ctocmodel: {shown} is not a valid dataset:", file=sys.stderr)
        for problem in error.errors:
            print(_problem_line(shown, problem.path, problem.message), file=sys.stderr)
        return EXIT_INVALID
    sys.stdout.write(summarize(dataset))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``ctocmodel`` command."""
    parser = argparse.ArgumentParser(
        prog="ctocmodel",
        description="Check and summarize records of civil-society participation at UN "
        "conference sessions (ctocmodel JSON datasets).",
        epilog="Exit codes: 0 success, 1 invalid dataset, 2 usage error or unreadable file.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="check datasets and report every problem",
        description="Check each FILE and report every problem as FILE:/json/pointer: message.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="a JSON dataset; - for stdin")
    validate.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default) for people, json for programs",
    )
    validate.set_defaults(run=_validate)

    summary = commands.add_parser(
        "summary",
        help="describe a dataset in a few lines (default: the bundled CTOC/COP7 record)",
        description="Describe FILE, or without FILE the bundled CTOC/COP7 record.",
    )
    summary.add_argument("file", nargs="?", metavar="FILE", help="a JSON dataset; - for stdin")
    summary.set_defaults(run=_summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
