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


def _shown(text: str) -> str:
    r"""Escape what a terminal would obey rather than show (an ESC in a key, say).

    >>> _shown("/people/0/[2J"), _shown("/name/fr")
    ('/people/0/\\x1b[2J', '/name/fr')
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _problem_line(
    file: str, path: str, message: str, line: int | None = None, column: int | None = None
) -> str:
    # The empty pointer designates the whole document: "FILE: message" then.
    where = file if line is None else f"{file}:{line}"
    where = where if column is None else f"{where}:{column}"
    path, message = _shown(path), _shown(message)
    return f"{where}:{path}: {message}" if path else f"{where}: {message}"


def _problems_of(name: str, jsonl: bool) -> list[dict[str, Any]]:
    """Every problem of one file, as dicts; raises _Unreadable."""
    from ._io import loads
    from ._jsonl import check_jsonl
    from .errors import ValidationError

    if jsonl:
        try:
            if name == "-":
                errors = list(check_jsonl(sys.stdin.buffer))
            else:
                with open(name, "rb") as handle:
                    errors = list(check_jsonl(handle))
        except OSError as error:
            raise _Unreadable(error.strerror or str(error)) from None
    else:
        data = _read(name)
        try:
            loads(data)
            errors = []
        except ValidationError as error:
            errors = [error]
    problems = [
        {"line": p.line, "path": p.path, "message": p.message}
        if jsonl
        else {"path": p.path, "message": p.message}
        for error in errors
        for p in error.errors
    ]
    if not jsonl and problems:
        _add_places(data, problems)
    return problems


def _validate(args: argparse.Namespace) -> int:
    import json

    results: list[dict[str, Any]] = []
    for name in args.files:
        shown = _display_name(name)
        try:
            problems = _problems_of(name, args.jsonl)
        except _Unreadable as error:
            results.append({"file": shown, "status": "unreadable", "message": str(error)})
            continue
        status = "invalid" if problems else "valid"
        results.append({"file": shown, "status": status, "problems": problems})
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
                    print(
                        _problem_line(
                            result["file"],
                            problem["path"],
                            problem["message"],
                            problem.get("line"),
                            problem.get("column"),
                        )
                    )
    statuses = {result["status"] for result in results}
    if "unreadable" in statuses:
        return EXIT_USAGE
    return EXIT_INVALID if "invalid" in statuses else EXIT_OK


def _load_for_reading(name: str | None) -> Dataset:
    from . import examples
    from ._io import loads

    return examples.cop7() if name is None else loads(_read(name))


def _read_dataset(name: str | None) -> Dataset | int:
    """The dataset of FILE (or the bundled one), or the exit code after saying why not."""
    from .errors import ValidationError

    try:
        return _load_for_reading(name)
    except _Unreadable as error:
        print(f"ctocmodel: cannot read {_display_name(name or '')}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ValidationError as error:
        shown = _display_name(name or "")
        print(f"ctocmodel: {shown} is not a valid dataset:", file=sys.stderr)
        for problem in error.errors:
            print(_problem_line(shown, problem.path, problem.message), file=sys.stderr)
        return EXIT_INVALID


def _write_output(payload: bytes, output: str | None) -> None:
    from pathlib import Path

    from ._io import write_atomically

    if output is None or output == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        write_atomically(Path(output), payload)


def _schema(args: argparse.Namespace) -> int:
    from .schema import schema_text

    _write_output(schema_text().encode("utf-8"), args.output)
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    import json
    import warnings

    from .errors import MissingDependencyError

    try:
        asked = _language_tags(args.lang)
    except ValueError as error:
        print(f"ctocmodel: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.to in ("csv", "xlsx") and (args.output is None or args.output == "-"):
        where = "FOLDER or -o FILE.zip" if args.to == "csv" else "FILE.xlsx"
        print(f"ctocmodel: export --to {args.to} writes files: give -o {where}", file=sys.stderr)
        return EXIT_USAGE
    dataset = _read_dataset(args.file)
    if isinstance(dataset, int):
        return dataset
    languages = asked or ("en",)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if args.to == "ics":
                from .exports import to_ical

                _write_output(to_ical(dataset, languages=languages), args.output)
            elif args.to == "jsonld":
                from .exports import to_jsonld

                text = json.dumps(to_jsonld(dataset), ensure_ascii=False, indent=2) + "\n"
                _write_output(text.encode("utf-8"), args.output)
            elif args.to == "xlsx":
                _export_xlsx(dataset, args.output, asked)
            else:
                from .exports import to_csv

                columns = {} if asked is None else {"languages": asked}
                written = to_csv(dataset, args.output, excel=args.excel, **columns)
                print(f"ctocmodel: wrote {', '.join(written)} to {args.output}", file=sys.stderr)
    except MissingDependencyError as error:
        print(f"ctocmodel: {error}", file=sys.stderr)
        return EXIT_USAGE
    for warning in caught:
        print(f"ctocmodel: warning: {warning.message}", file=sys.stderr)
    return EXIT_OK


# The languages of the summary's phrasebooks (ctocmodel._summary.SUMMARY_LANGUAGES),
# written out so that building the parser does not load the model.
_SUMMARY_LANGUAGES = ("en", "fr", "es")


def _summary(args: argparse.Namespace) -> int:
    from .errors import MissingDependencyError

    dataset = _read_dataset(args.file)
    if isinstance(dataset, int):
        return dataset
    if args.languages:
        from ._coverage import _report

        sys.stdout.write(_report(dataset))
        return EXIT_OK
    from ._summary import summarize

    try:
        text = summarize(dataset, language=args.lang)
    except MissingDependencyError as error:
        print(f"ctocmodel: {error}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(text)
    return EXIT_OK


# Commands for people who keep records in spreadsheets and by hand (issue 13): the
# places of problems in JSON text, import, init and fmt, and the checks of --lang.


def _add_places(data: bytes, problems: list[dict[str, Any]]) -> None:
    """Give each problem of a JSON document the line and column of its pointer (or None)."""
    from ._locate import locate

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
    places = locate(text, (problem["path"] for problem in problems)) if text else {}
    for problem in problems:
        problem["line"], problem["column"] = places.get(problem["path"], (None, None))


def _language_tags(tags: Sequence[str] | None) -> tuple[str, ...] | None:
    """The tags given with --lang, or None; ValueError naming one that is not a tag."""
    if not tags:
        return None
    from ._model._checks import canonical_language_tag

    for tag in tags:
        canonical = canonical_language_tag(tag)
        if canonical is None:
            raise ValueError(
                f"--lang {tag!r} is not a language tag such as 'en', 'fr' or 'zh-Hans'"
            )
        if canonical != tag:
            raise ValueError(f"--lang {tag!r}: write it {canonical!r}")
    return tuple(tags)


def _print_problems(shown: str, problems: Sequence[Any]) -> None:
    """Print a dataset's problems on stderr, located in tables when they come from tables."""
    print(f"ctocmodel: {shown} is not a valid dataset:", file=sys.stderr)
    for problem in problems:
        if problem.table is not None:
            print(_shown(str(problem)), file=sys.stderr)
        else:
            print(_problem_line(shown, problem.path, problem.message), file=sys.stderr)


def _import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ._io import dumps
    from .errors import MissingDependencyError, ValidationError

    try:
        if args.source == "csv":
            from .exports import from_csv

            dataset = from_csv(args.path)
        else:
            from .exports import from_xlsx

            dataset = from_xlsx(args.path)
    except (FileNotFoundError, IsADirectoryError, PermissionError) as error:
        print(f"ctocmodel: cannot read {args.path}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    except MissingDependencyError as error:
        print(f"ctocmodel: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ValidationError as error:
        _print_problems(Path(args.path).name, error.errors)
        return EXIT_INVALID
    _write_output((dumps(dataset, indent=args.indent) + "\n").encode("utf-8"), args.output)
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    import os

    from . import examples
    from ._io import dumps

    if args.output not in (None, "-") and os.path.lexists(args.output) and not args.force:
        print(
            f"ctocmodel: {args.output} exists; choose another name, or --force to replace it",
            file=sys.stderr,
        )
        return EXIT_USAGE
    dataset = examples.cop7() if args.example else examples.starter()
    _write_output((dumps(dataset, indent=args.indent) + "\n").encode("utf-8"), args.output)
    if args.output not in (None, "-"):
        what = "the CTOC/COP7 record" if args.example else "a starting dataset"
        print(
            f"ctocmodel: wrote {what} to {args.output}; edit it, then check it with "
            f"'ctocmodel validate {args.output}'",
            file=sys.stderr,
        )
    return EXIT_OK


def _fmt(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ._io import dumps, loads, write_atomically
    from .errors import ValidationError

    changed: list[str] = []
    code = EXIT_OK
    for name in args.files:
        try:
            data = _read(name)
        except _Unreadable as error:
            print(f"ctocmodel: cannot read {name}: {error}", file=sys.stderr)
            code = EXIT_USAGE
            continue
        try:
            dataset = loads(data)
        except ValidationError as error:
            problems: list[dict[str, Any]] = [
                {"path": p.path, "message": p.message} for p in error.errors
            ]
            _add_places(data, problems)
            for problem in problems:
                print(
                    _problem_line(
                        name,
                        problem["path"],
                        problem["message"],
                        problem["line"],
                        problem["column"],
                    ),
                    file=sys.stderr,
                )
            code = max(code, EXIT_INVALID)
            continue
        formatted = (dumps(dataset, indent=args.indent) + "\n").encode("utf-8")
        if formatted == data:
            continue
        changed.append(name)
        if args.check:
            print(f"{name}: would be rewritten in canonical form")
            continue
        write_atomically(Path(name), formatted)
        print(f"ctocmodel: rewrote {name}", file=sys.stderr)
    if args.check and changed:
        code = max(code, EXIT_INVALID)
    return code


def _export_xlsx(dataset: Dataset, output: str, languages: tuple[str, ...] | None) -> None:
    from .exports import to_xlsx

    columns = {} if languages is None else {"languages": languages}
    sheets = to_xlsx(dataset, output, **columns)
    print(f"ctocmodel: wrote the sheets {', '.join(sheets)} to {output}", file=sys.stderr)


def _add_people_commands(commands: Any) -> None:
    """The subcommands import, init and fmt."""
    imports = commands.add_parser(
        "import",
        help="read CSV tables or an Excel workbook back into a JSON dataset",
        description="Read the CSV tables (a folder or a .zip) or the Excel workbook that "
        "'ctocmodel export' writes, as edited in a spreadsheet, and write the dataset as "
        "JSON. Every problem is reported with its table, row and column.",
    )
    imports.add_argument(
        "--from",
        dest="source",
        required=True,
        choices=("csv", "xlsx"),
        help="csv: a folder or .zip of CSV tables; xlsx: an Excel workbook",
    )
    imports.add_argument("path", metavar="PATH", help="the folder, .zip or .xlsx to read")
    imports.add_argument(
        "-o", "--output", metavar="OUT.json", help="write the JSON there (default: stdout)"
    )
    imports.add_argument(
        "--indent",
        type=int,
        metavar="N",
        help="lay the JSON out on lines indented by N spaces (default: one canonical line)",
    )
    imports.set_defaults(run=_import)

    init = commands.add_parser(
        "init",
        help="write a small valid dataset to start from",
        description="Write a small valid dataset whose texts say what to put in their "
        "place (one source, organization, conference, session and side event), or the "
        "bundled CTOC/COP7 record with --example.",
    )
    init.add_argument("-o", "--output", metavar="FILE", help="write there (default: stdout)")
    init.add_argument(
        "--example", action="store_true", help="write the bundled CTOC/COP7 record instead"
    )
    init.add_argument("--force", action="store_true", help="replace FILE if it exists")
    init.add_argument(
        "--indent",
        type=int,
        default=2,
        metavar="N",
        help="indent the JSON by N spaces (default: 2, for editing by hand)",
    )
    init.set_defaults(run=_init)

    fmt = commands.add_parser(
        "fmt",
        help="rewrite datasets in canonical form",
        description="Rewrite each valid FILE in canonical form, atomically; invalid files "
        "are reported and left as they are.",
    )
    fmt.add_argument("files", nargs="+", metavar="FILE", help="a JSON dataset")
    fmt.add_argument(
        "--check",
        action="store_true",
        help="change nothing: list the files that would change and exit 1 if any would",
    )
    fmt.add_argument(
        "--indent",
        type=int,
        metavar="N",
        help="canonical content laid out on lines indented by N spaces (default: one line)",
    )
    fmt.set_defaults(run=_fmt)


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
    validate.add_argument(
        "--jsonl",
        action="store_true",
        help="each FILE holds one dataset per line (JSON Lines); problems give FILE:LINE",
    )
    validate.set_defaults(run=_validate)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the format",
        description="Print the JSON Schema (draft 2020-12) of a ctocmodel dataset.",
    )
    schema.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    schema.set_defaults(run=_schema)

    export = commands.add_parser(
        "export",
        help="write a dataset as iCalendar, CSV tables, an Excel workbook or JSON-LD",
        description="Export FILE, or without FILE the bundled CTOC/COP7 record.",
    )
    export.add_argument(
        "--to",
        required=True,
        choices=("ics", "csv", "xlsx", "jsonld"),
        help="ics: iCalendar; csv: CSV tables (a folder or .zip); xlsx: an Excel workbook; "
        "jsonld: JSON-LD",
    )
    export.add_argument("file", nargs="?", metavar="FILE", help="a JSON dataset; - for stdin")
    export.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="file (a folder or .zip for csv, a .xlsx for xlsx); default stdout for ics and jsonld",
    )
    export.add_argument(
        "--lang",
        action="append",
        metavar="TAG",
        help="ics: language of titles, in order of preference; csv and xlsx: the languages "
        "that get a column first (default: the six UN languages); repeat it for several",
    )
    export.add_argument(
        "--excel", action="store_true", help="csv: UTF-8 with a byte-order mark, for Excel"
    )
    export.set_defaults(run=_export)

    summary = commands.add_parser(
        "summary",
        help="describe a dataset in a few lines (default: the bundled CTOC/COP7 record)",
        description="Describe FILE, or without FILE the bundled CTOC/COP7 record, in "
        "English, French or Spanish; or say which of its texts lack a UN language.",
    )
    summary.add_argument("file", nargs="?", metavar="FILE", help="a JSON dataset; - for stdin")
    mode = summary.add_mutually_exclusive_group()
    mode.add_argument(
        "--lang",
        choices=_SUMMARY_LANGUAGES,
        default="en",
        help="language of the summary: en (default), fr or es (fr and es need "
        "Babel: pip install babel); texts of the data in that language when they have it",
    )
    mode.add_argument(
        "--languages",
        action="store_true",
        help="instead of the summary, count the texts lacking each UN language "
        "and list them by JSON Pointer",
    )
    summary.set_defaults(run=_summary)
    _add_people_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return its exit code."""
    import io

    # Problems quote keys of the input, which may hold lone surrogates that UTF-8 cannot
    # encode: write those as \uXXXX escapes (still valid JSON with --format json).
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
