"""The ``ctocmodel`` command: validate and summarize datasets without writing Python.

Exit codes: 0 success (all files valid); 1 a file is not a valid dataset;
2 wrong usage, a file that cannot be read or an output that cannot be written;
141 (as if killed by SIGPIPE) when whoever read the output stopped reading it.
"""

from __future__ import annotations

import argparse
import sys

# Not typing.TYPE_CHECKING: importing typing alone takes longer than the rest of a
# start-up; the model too loads only when a command needs it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

    from ._limits import Limits
    from ._model import Dataset
    from ._participation import Finding
    from ._privacy import Privacy
    from .errors import Problem

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
# The status of a program killed by SIGPIPE, as a shell reports it (128 + 13): what
# `ctocmodel validate ... | head -1` ends with once head has read its line.
EXIT_BROKEN_PIPE = 141


class _Unreadable(Exception):
    """A file that could not be read at all (missing, a folder, no permission)."""


def _version() -> str:
    from ._version import VERSION

    return VERSION


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _limits(args: argparse.Namespace) -> Limits:
    from ._limits import DEFAULT_LIMITS, Limits

    max_bytes = getattr(args, "max_bytes", None)
    return DEFAULT_LIMITS if max_bytes is None else Limits(max_bytes=max_bytes)


def _read(name: str, limits: Limits) -> bytes | str:
    """The bytes of FILE, or of standard input for "-", at most ``max_bytes + 1`` of them.

    Raises `ValidationError` (the size limit) past that, `_Unreadable` for an `OSError`.
    """
    from ._files import read_at_most, read_file

    try:
        if name == "-":
            return read_at_most(sys.stdin.buffer, limits.max_bytes)
        return read_file(name, limits.max_bytes)
    except OSError as error:
        raise _Unreadable(_reason(error)) from None


def _display_name(name: str) -> str:
    r"""FILE as the report names it: <stdin> for "-", undecodable bytes as \xNN."""
    from ._terminal import text_of_name

    return "<stdin>" if name == "-" else text_of_name(name)


def _problem_line(
    file: str, path: str, message: str, line: int | None = None, column: int | None = None
) -> str:
    """One line of the text report: every part escaped for the terminal."""
    from ._terminal import shown

    # The empty pointer designates the whole document: "FILE: message" then.
    where = shown(file) if line is None else f"{shown(file)}:{line}"
    where = where if column is None else f"{where}:{column}"
    path, message = shown(path), shown(message)
    return f"{where}:{path}: {message}" if path else f"{where}: {message}"


def _cannot_read(name: str, reason: str) -> str:
    from ._terminal import shown

    return f"ctocmodel: cannot read {shown(name)}: {shown(reason)}"


class _TextReport:
    """The text report: each problem printed as soon as it is found, a line each."""

    def unreadable(self, file: str, message: str) -> None:
        sys.stdout.flush()  # after what was printed of the file before reading failed
        print(_cannot_read(file, message), file=sys.stderr)

    def begin(self, file: str) -> None:
        pass

    def problems(
        self,
        file: str,
        problems: Sequence[Problem],
        places: Mapping[str, tuple[int, int]] | None = None,
    ) -> None:
        for problem in problems:
            # With places (a JSON text), a problem whose pointer is not found has none.
            line, column = (
                (problem.line, None) if places is None else places.get(problem.path, (None, None))
            )
            print(_problem_line(file, problem.path, problem.message, line, column))
        sys.stdout.flush()  # a long JSON Lines file reports as it goes

    def end(self, file: str, status: str, message: str | None = None) -> None:
        if message is not None:
            self.unreadable(file, message)
        elif status == "valid":
            print(_problem_line(file, "", "valid"))

    def close(self) -> None:
        pass


class _JsonReport:
    """The JSON report, written as it goes: a list of {file, problems, status} objects.

    Problems are written as they are found, so the status comes after them. An
    unreadable file has a message instead of problems (or after the problems found
    before reading failed, when it fails half way).
    """

    def __init__(self, jsonl: bool) -> None:
        self.jsonl, self.entries, self.count = jsonl, 0, 0

    def _entry(self) -> None:
        sys.stdout.write("[\n" if self.entries == 0 else ",\n")
        self.entries += 1

    def unreadable(self, file: str, message: str) -> None:
        import json

        self._entry()
        entry = {"file": file, "status": "unreadable", "message": message}
        text = json.dumps(entry, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        sys.stdout.write("  " + text)

    def begin(self, file: str) -> None:
        import json

        self._entry()
        sys.stdout.write(f'  {{\n    "file": {json.dumps(file, ensure_ascii=False)},\n')
        sys.stdout.write('    "problems": [')
        self.count = 0

    def problems(
        self,
        file: str,
        problems: Sequence[Problem],
        places: Mapping[str, tuple[int, int]] | None = None,
    ) -> None:
        import json

        for problem in problems:
            item: dict[str, object] = {"path": problem.path, "message": problem.message}
            if self.jsonl:
                item = {"line": problem.line, **item}
            elif places is not None:
                item["line"], item["column"] = places.get(problem.path, (None, None))
            text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n      ")
            sys.stdout.write(("\n      " if self.count == 0 else ",\n      ") + text)
            self.count += 1
        sys.stdout.flush()

    def end(self, file: str, status: str, message: str | None = None) -> None:
        import json

        sys.stdout.write("\n    ],\n" if self.count else "],\n")
        sys.stdout.write(f'    "status": "{status}"')
        if message is not None:
            sys.stdout.write(f',\n    "message": {json.dumps(message, ensure_ascii=False)}')
        sys.stdout.write("\n  }")

    def close(self) -> None:
        sys.stdout.write("\n]\n")


def _check(name: str, args: argparse.Namespace, report: _TextReport | _JsonReport) -> str:
    """Check one FILE, reporting as it goes; return its status."""
    from ._io import loads
    from ._jsonl import check_jsonl
    from .errors import ValidationError

    file = _display_name(name)
    limits = _limits(args)
    if args.jsonl:
        try:
            handle = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115
        except OSError as error:
            report.unreadable(file, _reason(error))
            return "unreadable"
        report.begin(file)
        found = False
        try:
            errors = check_jsonl(handle, limits=limits)
            while True:
                # Only reading may fail as unreadable: a closed standard output
                # (BrokenPipeError, an OSError too) is for main() to answer.
                try:
                    invalid = next(errors, None)
                except OSError as error:
                    report.end(file, "unreadable", _reason(error))
                    return "unreadable"
                if invalid is None:
                    break
                report.problems(file, invalid.errors)
                found = True
        finally:
            if handle is not sys.stdin.buffer:
                handle.close()
        status = "invalid" if found else "valid"
        report.end(file, status)
        return status
    data: bytes | str = b""  # what was read, in which problems are placed
    try:
        data = _read(name, limits)
        loads(data, limits=limits)
    except _Unreadable as error:
        report.unreadable(file, str(error))
        return "unreadable"
    except ValidationError as error:
        report.begin(file)
        report.problems(file, error.errors, _places(data, error.errors))
        report.end(file, "invalid")
        return "invalid"
    report.begin(file)
    report.end(file, "valid")
    return "valid"


def _validate(args: argparse.Namespace) -> int:
    report = _JsonReport(args.jsonl) if args.format == "json" else _TextReport()
    statuses = {_check(name, args, report) for name in args.files}
    report.close()
    if "unreadable" in statuses:
        return EXIT_USAGE
    return EXIT_INVALID if "invalid" in statuses else EXIT_OK


def _load_for_reading(name: str | None, limits: Limits) -> Dataset:
    from . import examples
    from ._io import loads

    return examples.cop7() if name is None else loads(_read(name, limits), limits=limits)


def _read_dataset(name: str | None, args: argparse.Namespace) -> Dataset | int:
    """The dataset of FILE (or the bundled one), or the exit code after saying why not."""
    from ._terminal import shown
    from .errors import ValidationError

    file = _display_name(name or "")
    try:
        return _load_for_reading(name, _limits(args))
    except _Unreadable as error:
        print(_cannot_read(file, str(error)), file=sys.stderr)
        return EXIT_USAGE
    except ValidationError as error:
        print(f"ctocmodel: {shown(file)} is not a valid dataset:", file=sys.stderr)
        for problem in error.errors:
            print(_problem_line(file, problem.path, problem.message), file=sys.stderr)
        return EXIT_INVALID


def _output_shown(name: str) -> str:
    from ._terminal import shown, text_of_name

    return shown(text_of_name(name))


def _cannot_write(output: str, error: OSError) -> int:
    """Say why OUTPUT cannot be written, on stderr; the exit code."""
    import errno
    import os

    from ._terminal import shown
    from .errors import UnwritableTargetError

    reason = _reason(error)
    if isinstance(error, UnwritableTargetError) and error.errno == errno.EINVAL:
        reason += "; leave out -o (or give -o -) to write to standard output"
    name = os.fsdecode(error.filename) if error.filename else output
    print(f"ctocmodel: cannot write {_output_shown(name)}: {shown(reason)}", file=sys.stderr)
    return EXIT_USAGE


def _write_output(payload: bytes, output: str | None) -> int:
    """Write *payload* to OUTPUT, or to standard output; the exit code."""
    from pathlib import Path

    from ._files import write_atomically

    if output is None or output == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return EXIT_OK
    try:
        write_atomically(Path(output), payload)
    except OSError as error:  # a folder, a device, a missing folder, no permission
        return _cannot_write(output, error)
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from .schema import schema_text

    return _write_output(schema_text().encode("utf-8"), args.output)


def _privacy(args: argparse.Namespace) -> Privacy | int:
    """What an export shows of people (--public, --pseudonym-key, --unredacted), or exit code."""
    from ._privacy import Privacy

    if args.pseudonym_key is None:
        return Privacy(public_only=args.public, everyone=args.unredacted)
    try:
        with open(args.pseudonym_key, "rb") as handle:
            key = handle.read(4096)
    except OSError as error:
        print(_cannot_read(_display_name(args.pseudonym_key), _reason(error)), file=sys.stderr)
        return EXIT_USAGE
    # A key file written by an editor or `echo` ends with a line break, which is no part of it.
    key = key.removesuffix(b"\n").removesuffix(b"\r")
    try:
        return Privacy(pseudonym_key=key)
    except ValueError as error:
        print(f"ctocmodel: --pseudonym-key: {error}", file=sys.stderr)
        return EXIT_USAGE


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
    privacy = _privacy(args)
    if isinstance(privacy, int):
        return privacy
    dataset = _read_dataset(args.file, args)
    if isinstance(dataset, int):
        return dataset
    languages = asked or ("en",)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if args.to == "ics":
                from .exports import to_ical

                payload = to_ical(dataset, languages=languages, privacy=privacy)
                code = _write_output(payload, args.output)
            elif args.to == "jsonld":
                from .exports import to_jsonld

                document = to_jsonld(dataset, privacy=privacy)
                text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
                code = _write_output(text.encode("utf-8"), args.output)
            elif args.to == "json":
                from ._io import dumps
                from ._privacy import redact

                text = dumps(redact(dataset, privacy), indent=2) + "\n"
                code = _write_output(text.encode("utf-8"), args.output)
            elif args.to == "xlsx":
                try:
                    code = _export_xlsx(dataset, args.output, asked, privacy)
                except OSError as error:  # a folder, a device, no permission...
                    return _cannot_write(args.output, error)
            else:
                from ._model import UN_LANGUAGES
                from .exports import to_csv

                try:
                    written = to_csv(
                        dataset,
                        args.output,
                        excel=args.excel,
                        languages=asked or UN_LANGUAGES,
                        privacy=privacy,
                    )
                except FileExistsError as error:  # where the folder of tables should be
                    error.strerror = "it is not a folder; give -o FOLDER or -o FILE.zip"
                    return _cannot_write(args.output, error)
                except OSError as error:  # a device as FILE.zip, no permission...
                    return _cannot_write(args.output, error)
                code = EXIT_OK
                shown_output = _output_shown(args.output)
                print(f"ctocmodel: wrote {', '.join(written)} to {shown_output}", file=sys.stderr)
    except MissingDependencyError as error:
        print(f"ctocmodel: {error}", file=sys.stderr)
        return EXIT_USAGE
    for warning in caught:
        print(f"ctocmodel: warning: {warning.message}", file=sys.stderr)
    return code


def _finding_line(file: str, finding: Finding, place: tuple[int, int] | None) -> str:
    cited = f" [{finding.cited}]" if finding.provisions else ""
    line, column = place if place is not None else (None, None)
    return _problem_line(
        file, finding.path, f"{finding.severity}: {finding.message}{cited}", line, column
    )


def _finding_counts(findings: Sequence[Finding]) -> str:
    errors = sum(finding.severity == "error" for finding in findings)
    warnings = len(findings) - errors
    return (
        f"{errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}"
    )


def _check_participation(args: argparse.Namespace) -> int:
    import json

    from ._io import loads
    from ._participation import check_participation
    from .errors import ValidationError

    entries: list[dict[str, object]] = []
    statuses: set[str] = set()
    for name in args.files:
        file = _display_name(name)
        entry: dict[str, object] = {"file": file}
        entries.append(entry)
        data: bytes | str = b""
        try:
            data = _read(name, _limits(args))
            dataset = loads(data, limits=_limits(args))
            findings = check_participation(dataset, rules=args.rules)
        except _Unreadable as error:
            statuses.add("unreadable")
            entry.update(status="unreadable", message=str(error))
            if args.format == "text":
                print(_cannot_read(file, str(error)), file=sys.stderr)
            continue
        except ValidationError as error:
            statuses.add("invalid")
            places = _places(data, error.errors)
            entry.update(
                status="invalid",
                problems=[
                    {"path": p.path, "message": p.message, **_where(places.get(p.path))}
                    for p in error.errors
                ],
            )
            if args.format == "text":
                for problem in error.errors:
                    line, column = places.get(problem.path, (None, None))
                    print(_problem_line(file, problem.path, problem.message, line, column))
            continue
        except ValueError as error:  # --rules names no rule set of this file
            print(f"ctocmodel: {file}: --rules: {error}", file=sys.stderr)
            return EXIT_USAGE
        places = _places(data, findings)
        status = "errors" if any(f.severity == "error" for f in findings) else "kept"
        statuses.add(status)
        entry.update(
            status=status,
            findings=[
                {
                    "path": finding.path,
                    **_where(places.get(finding.path)),
                    "severity": finding.severity,
                    "check": finding.check,
                    "message": finding.message,
                    "rules": finding.rules,
                    "cited": finding.cited,
                }
                for finding in findings
            ],
        )
        if args.format == "text":
            for finding in findings:
                print(_finding_line(file, finding, places.get(finding.path)))
            counts = _finding_counts(findings)
            print(_problem_line(file, "", counts if findings else "no findings"))
    if args.format == "json":
        sys.stdout.write(json.dumps(entries, ensure_ascii=False, indent=2) + "\n")
    if "unreadable" in statuses:
        return EXIT_USAGE
    return EXIT_INVALID if statuses & {"invalid", "errors"} else EXIT_OK


def _where(place: tuple[int, int] | None) -> dict[str, int | None]:
    line, column = place if place is not None else (None, None)
    return {"line": line, "column": column}


# The languages of the summary's phrasebooks (ctocmodel._summary.SUMMARY_LANGUAGES),
# written out so that building the parser does not load the model.
_SUMMARY_LANGUAGES = ("en", "fr", "es")


def _summary(args: argparse.Namespace) -> int:
    from ._terminal import prose
    from .errors import MissingDependencyError

    dataset = _read_dataset(args.file, args)
    if isinstance(dataset, int):
        return dataset
    if args.series:
        from ._summary import summarize_series

        try:
            sys.stdout.write(summarize_series(dataset, language=args.lang))
        except MissingDependencyError as error:
            print(f"ctocmodel: {error}", file=sys.stderr)
            return EXIT_USAGE
        return EXIT_OK
    if args.languages:
        from ._coverage import report

        sys.stdout.write(prose(report(dataset)))
        return EXIT_OK
    from ._summary import summarize

    try:
        text = summarize(dataset, language=args.lang)
    except MissingDependencyError as error:
        print(f"ctocmodel: {error}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(prose(text))  # the data's texts, which a terminal must only show
    return EXIT_OK


# Commands for people who keep records in spreadsheets and by hand (issue 13): the
# places of problems in JSON text, import, init and fmt, and the checks of --lang.


def _places(
    data: bytes | str, problems: Sequence[Problem] | Sequence[Finding]
) -> dict[str, tuple[int, int]]:
    """The line and column of the JSON Pointer of each problem, in the JSON text *data*."""
    from ._locate import locate

    try:
        text = data if isinstance(data, str) else data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return {}
    return locate(text, (problem.path for problem in problems)) if text else {}


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


def _print_problems(name: str, problems: Sequence[Any]) -> None:
    """Print a dataset's problems on stderr, located in tables when they come from tables."""
    from ._terminal import shown

    print(f"ctocmodel: {shown(name)} is not a valid dataset:", file=sys.stderr)
    for problem in problems:
        if problem.table is not None:
            print(shown(str(problem)), file=sys.stderr)
        else:
            print(_problem_line(name, problem.path, problem.message), file=sys.stderr)


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
        print(_cannot_read(_display_name(args.path), _reason(error)), file=sys.stderr)
        return EXIT_USAGE
    except MissingDependencyError as error:
        print(f"ctocmodel: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ValidationError as error:
        _print_problems(_display_name(Path(args.path).name), error.errors)
        return EXIT_INVALID
    return _write_output((dumps(dataset, indent=args.indent) + "\n").encode("utf-8"), args.output)


def _init(args: argparse.Namespace) -> int:
    import os

    from . import examples
    from ._io import dumps

    if args.output not in (None, "-") and os.path.lexists(args.output) and not args.force:
        print(
            f"ctocmodel: {_output_shown(args.output)} exists; choose another name, or --force "
            "to replace it",
            file=sys.stderr,
        )
        return EXIT_USAGE
    dataset = examples.cop7() if args.example else examples.starter()
    payload = (dumps(dataset, indent=args.indent) + "\n").encode("utf-8")
    code = _write_output(payload, args.output)
    if code == EXIT_OK and args.output not in (None, "-"):
        what = "the CTOC/COP7 record" if args.example else "a starting dataset"
        shown_output = _output_shown(args.output)
        print(
            f"ctocmodel: wrote {what} to {shown_output}; edit it, then check it with "
            f"'ctocmodel validate {shown_output}'",
            file=sys.stderr,
        )
    return code


def _fmt(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ._files import write_atomically
    from ._io import dumps, loads
    from .errors import ValidationError

    changed: list[str] = []
    code = EXIT_OK
    limits = _limits(args)
    for name in args.files:
        file = _display_name(name)
        data: bytes | str = b""
        try:
            data = _read(name, limits)
            dataset = loads(data, limits=limits)
        except _Unreadable as error:
            print(_cannot_read(file, str(error)), file=sys.stderr)
            code = EXIT_USAGE
            continue
        except ValidationError as error:
            places = _places(data, error.errors)
            for problem in error.errors:
                line, column = places.get(problem.path, (None, None))
                print(
                    _problem_line(file, problem.path, problem.message, line, column),
                    file=sys.stderr,
                )
            code = max(code, EXIT_INVALID)
            continue
        formatted = (dumps(dataset, indent=args.indent) + "\n").encode("utf-8")
        if formatted == data:
            continue
        changed.append(name)
        if args.check:
            print(_problem_line(file, "", "would be rewritten in canonical form"))
            continue
        try:
            write_atomically(Path(name), formatted)
        except OSError as error:
            code = max(code, _cannot_write(name, error))
            continue
        print(f"ctocmodel: rewrote {_output_shown(name)}", file=sys.stderr)
    if args.check and changed:
        code = max(code, EXIT_INVALID)
    return code


def _export_xlsx(
    dataset: Dataset, output: str, languages: tuple[str, ...] | None, privacy: Privacy
) -> int:
    from ._model import UN_LANGUAGES
    from .exports import to_xlsx

    sheets = to_xlsx(dataset, output, languages=languages or UN_LANGUAGES, privacy=privacy)
    shown_output = _output_shown(output)
    print(f"ctocmodel: wrote the sheets {', '.join(sheets)} to {shown_output}", file=sys.stderr)
    return EXIT_OK


def _merge(args: argparse.Namespace) -> int:
    """Merge FILE..., print every conflict as validate prints problems; 1 if any is unresolved."""
    from ._io import dumps, loads
    from ._merge import KeepBoth, PreferLaterRetrieval, PreferSource, Rule, merge
    from .errors import Problem, ValidationError

    limits = _limits(args)
    datasets, texts, names = [], [], []
    for name in args.files:
        file = _display_name(name)
        try:
            data = _read(name, limits)
            datasets.append(loads(data, limits=limits))
        except _Unreadable as error:
            print(_cannot_read(file, str(error)), file=sys.stderr)
            return EXIT_USAGE
        except ValidationError as error:
            _print_problems(file, error.errors)
            return EXIT_INVALID
        texts.append(data)
        names.append(file)
    rules: list[Rule] = [PreferSource(source) for source in args.prefer or ()]
    if args.later:
        rules.append(PreferLaterRetrieval())
    if args.keep_both:
        rules.append(KeepBoth())
    try:
        merged, conflicts = merge(*datasets, rules=rules, names=names)
    except ValidationError as error:
        print("ctocmodel: the merged dataset would not be valid:", file=sys.stderr)
        for problem in error.errors:
            print(_problem_line("<merged>", problem.path, problem.message), file=sys.stderr)
        return EXIT_INVALID
    # The dataset may go to standard output: the conflicts then go to standard error.
    stream = sys.stdout if args.output not in (None, "-") else sys.stderr
    by_file = dict(zip(names, texts, strict=True))
    for conflict in conflicts:
        side = conflict.other
        places = _places(by_file[side.dataset], [Problem(path=side.at, message="")])
        line, column = places.get(side.at, (None, None))
        print(
            _problem_line(side.dataset, side.at, conflict.message(located=False), line, column),
            file=stream,
        )
    unresolved = sum(1 for conflict in conflicts if not conflict.resolved)
    if unresolved:
        where = "" if args.output in (None, "-") else f" to {_output_shown(args.output)}"
        print(
            f"ctocmodel: {unresolved} conflict{'s' if unresolved > 1 else ''} unresolved; "
            f"nothing written{where}: choose with --prefer SOURCE, --later or --keep-both, "
            "or edit one of the files",
            file=sys.stderr,
        )
        return EXIT_INVALID
    payload = (dumps(merged, indent=args.indent) + "\n").encode("utf-8")
    return _write_output(payload, args.output)


def _plot(args: argparse.Namespace) -> int:
    from .errors import MissingDependencyError

    if args.output is None or args.output == "-":
        print("ctocmodel: plot writes an image: give -o CHART.svg or -o CHART.png", file=sys.stderr)
        return EXIT_USAGE
    dataset = _read_dataset(args.file, args)
    if isinstance(dataset, int):
        return dataset
    from ._plot import plot_series

    try:
        plot_series(
            dataset,
            args.series,
            args.output,
            conference=args.conference,
            status="expected" if args.expected else "actual",
            language=args.lang,
        )
    except MissingDependencyError as error:
        print(f"ctocmodel: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ValueError as error:
        print(f"ctocmodel: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        return _cannot_write(args.output, error)
    print(
        f"ctocmodel: wrote the chart of {args.series} to {_output_shown(args.output)}",
        file=sys.stderr,
    )
    return EXIT_OK


def _add_sources_commands(commands: Any) -> None:
    """The subcommands merge and plot (issue 14)."""
    merging = commands.add_parser(
        "merge",
        help="combine datasets, reporting every conflict",
        description="Combine the datasets FILE..., joining records by id. Each conflict "
        "(two files giving different values to one record) is printed as "
        "FILE:LINE:COLUMN:/json/pointer: message, naming both values, pointers and "
        "sources. With an unresolved conflict nothing is written and the exit code is 1.",
    )
    merging.add_argument("files", nargs="+", metavar="FILE", help="a JSON dataset")
    merging.add_argument(
        "-o",
        "--output",
        metavar="OUT.json",
        help="write the merged dataset there (default: stdout)",
    )
    merging.add_argument(
        "--prefer",
        action="append",
        metavar="SOURCE",
        help="settle a conflict for the side SOURCE states: a source id it cites, or a FILE "
        "name; repeat it to rank several",
    )
    merging.add_argument(
        "--later",
        action="store_true",
        help="settle a conflict for the side whose citations were retrieved later",
    )
    merging.add_argument(
        "--keep-both",
        action="store_true",
        help="settle a conflict between two lists by keeping the items of both",
    )
    merging.add_argument(
        "--indent", type=int, metavar="N", help="lay the JSON out indented by N spaces"
    )
    _add_max_bytes(merging, "a FILE")
    merging.set_defaults(run=_merge)

    plot = commands.add_parser(
        "plot",
        help="draw a measure across sessions as a chart (needs matplotlib)",
        description="Draw the reconciled interval of MEASURE for each session as an error "
        "bar, with the sources in the caption, as SVG or PNG (by the suffix of -o). "
        "Needs matplotlib: pip install matplotlib.",
    )
    plot.add_argument(
        "--series", required=True, metavar="MEASURE", help="the measure, such as participants"
    )
    plot.add_argument("file", nargs="?", metavar="FILE", help="a JSON dataset; - for stdin")
    plot.add_argument("-o", "--output", metavar="CHART", help="CHART.svg or CHART.png")
    plot.add_argument("--conference", metavar="ID", help="only the sessions of this conference")
    plot.add_argument(
        "--expected", action="store_true", help="the figures expected beforehand, not the actual"
    )
    plot.add_argument(
        "--lang", choices=_SUMMARY_LANGUAGES, default="en", help="language of the labels"
    )
    _add_max_bytes(plot, "a FILE")
    plot.set_defaults(run=_plot)


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
    _add_max_bytes(fmt, "a FILE")
    fmt.set_defaults(run=_fmt)


def _byte_count(text: str) -> int:
    try:
        value = int(text.replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of bytes: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _add_max_bytes(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--max-bytes",
        type=_byte_count,
        metavar="N",
        help=f"refuse {what} of more than N bytes, reading no further than that from any "
        "file, device or pipe (default: 512,000,000)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``ctocmodel`` command."""
    parser = argparse.ArgumentParser(
        prog="ctocmodel",
        description="Check and summarize records of civil-society participation at UN "
        "conference sessions (ctocmodel JSON datasets).",
        epilog="Exit codes: 0 success, 1 invalid dataset, 2 usage error, unreadable file or "
        "unwritable output, 141 output closed early.",
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
    _add_max_bytes(validate, "a document (with --jsonl, a line)")
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
        help="write a dataset as iCalendar, CSV tables, an Excel workbook, JSON-LD or JSON",
        description="Export FILE, or without FILE the bundled CTOC/COP7 record. People "
        "appear as their visibility allows: a private person only in a count of their "
        "organization's participants, never by name.",
    )
    export.add_argument(
        "--to",
        required=True,
        choices=("ics", "csv", "xlsx", "jsonld", "json"),
        help="ics: iCalendar; csv: CSV tables (a folder or .zip); xlsx: an Excel workbook; "
        "jsonld: JSON-LD; json: the dataset itself, as it may be shown",
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
    people = export.add_mutually_exclusive_group()
    people.add_argument(
        "--public",
        action="store_true",
        help="name public people only: the others become counts of their organization's "
        "participants (default: show each person as their visibility allows)",
    )
    people.add_argument(
        "--pseudonym-key",
        metavar="KEYFILE",
        help="give each person listed by organization a stable pseudonym, HMAC-SHA256 of "
        "their id under the key in KEYFILE (at least 16 bytes, kept secret; the same key "
        "gives the same pseudonyms in every export)",
    )
    people.add_argument(
        "--unredacted",
        action="store_true",
        help="name everyone, whatever their visibility: a working copy for the dataset's "
        "keepers, never to publish",
    )
    _add_max_bytes(export, "a FILE")
    export.set_defaults(run=_export)

    check = commands.add_parser(
        "check-participation",
        help="check who took part, and how, against the conference's participation rules",
        description="Check each FILE's admissions, statements and meetings against the "
        "participation rules of its conferences (such as rules 16 and 17 of the CTOC/COP's "
        "rules of procedure) and report each finding as "
        "FILE:LINE:COLUMN:/json/pointer: error|warning: message [rule]. A dataset that "
        "breaks these rules is still a valid dataset; exit 1 when a file is invalid or has "
        "an error finding (warnings alone exit 0).",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="a JSON dataset; - for stdin")
    check.add_argument(
        "--rules",
        metavar="ID",
        help="the rule set for conferences that name none, such as ctoc-cop (built in) or "
        "the id of one the file declares",
    )
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default) for people, json for programs",
    )
    _add_max_bytes(check, "a FILE")
    check.set_defaults(run=_check_participation)

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
    summary.add_argument(
        "--series",
        action="store_true",
        help="instead of the summary, each measure session by session (reconciled, with "
        "its sources) and each organization's sessions and meetings",
    )
    mode.add_argument(
        "--languages",
        action="store_true",
        help="instead of the summary, count the texts lacking each UN language "
        "and list them by JSON Pointer",
    )
    _add_max_bytes(summary, "a FILE")
    summary.set_defaults(run=_summary)
    _add_people_commands(commands)
    _add_sources_commands(commands)
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
    try:
        code: int = args.run(args)
        sys.stdout.flush()  # here, where a closed pipe can still be answered quietly
    except BrokenPipeError:
        _discard_output()
        return EXIT_BROKEN_PIPE
    return code


def _discard_output() -> None:
    """Send what is left of standard output to the null device: its reader has gone.

    Without this, Python would try to flush it again on exit and print the
    BrokenPipeError it gets (the recipe of the `signal` module's documentation).
    """
    import os

    try:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        os.dup2(descriptor, sys.stdout.fileno())
        os.close(descriptor)
    except (AttributeError, OSError, ValueError):  # not a real file: nothing to flush later
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
