"""Writes the reference pages that are generated from the code: the format, the CLI."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ctocmodel.cli import build_parser
from ctocmodel.schema import UNEXPRESSED_RULES, json_schema


def _type_of(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return f"[{name}](#{name.lower()})" if name[0].isupper() else name
    if "anyOf" in schema:
        return " or ".join(_type_of(option) for option in schema["anyOf"])
    if "const" in schema:
        return f'`"{schema["const"]}"`'
    if "enum" in schema:
        return "one of " + ", ".join(f"`{value}`" for value in schema["enum"])
    if schema.get("type") == "array":
        return f"list of {_type_of(schema['items'])}"
    return str(schema.get("type", "value"))


def format_reference() -> str:
    """The JSON format, record by record, from the JSON Schema."""
    schema = json_schema()
    definitions = schema["$defs"]
    lines = [
        "# JSON format reference",
        "",
        "Generated from the model classes and their JSON Schema on every build.",
        "",
        "## Dataset",
        "",
        schema["description"].split("\n", 1)[0],
        "",
    ]
    records = [("Dataset", schema)] + [
        (name, d) for name, d in definitions.items() if name[0].isupper() and name != "Meeting"
    ]
    for name, definition in records:
        if name != "Dataset":
            lines += [f"## {name}", "", definition.get("description", ""), ""]
        lines += ["| field | type | required | notes |", "|---|---|---|---|"]
        required = set(definition.get("required", ()))
        for field, field_schema in definition["properties"].items():
            notes = field_schema.get("description", "")
            if "default" in field_schema:
                default = json.dumps(field_schema["default"])
                notes = (notes + " " if notes else "") + f"Default `{default}`."
            kind = _type_of(field_schema).replace("|", "\\|")
            flag = "yes" if field in required else "no"
            lines.append(f"| `{field}` | {kind} | {flag} | {notes} |")
        lines.append("")
    meeting = definitions["Meeting"]
    lines += [
        "## Meeting",
        "",
        meeting["description"],
        "",
        "The `type` key says which record a meeting is: "
        + ", ".join(
            f"`{definitions[name]['properties']['type']['const']}` ({name})"
            for name in (choice["$ref"].rsplit("/", 1)[1] for choice in meeting["oneOf"])
        )
        + ".",
        "",
        "## Common values",
        "",
    ]
    for name in (
        "id",
        "text",
        "languageTag",
        "multilingualText",
        "date",
        "dateTime",
        "url",
        "timeZone",
        "country",
    ):
        lines += [f"- **{name}**: {definitions[name]['description']}"]
    lines += ["", "## Rules beyond the JSON Schema", ""]
    lines += [f"- {rule}" for rule in UNEXPRESSED_RULES]
    return "\n".join(lines) + "\n"


def cli_reference() -> str:
    """The command line, from its argument parser."""
    parser = build_parser()
    parser.prog = "ctocmodel"
    lines = ["# Command-line reference", "", "Generated from the argument parser.", ""]
    lines += ["```text", parser.format_help().rstrip(), "```", ""]
    subparsers = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    for name, subparser in subparsers.choices.items():
        help_text = subparser.format_help().rstrip()
        lines += [f"## ctocmodel {name}", "", "```text", help_text, "```", ""]
    lines += [
        "## Exit codes",
        "",
        "| code | meaning |",
        "|---|---|",
        "| 0 | success: every file is a valid dataset |",
        "| 1 | a file is not a valid dataset (each problem is printed) |",
        "| 2 | wrong usage, a file that cannot be read, an output that cannot be written "
        "(a folder, a device, a named pipe, a missing folder), or a missing optional "
        "dependency |",
        "| 141 | whoever read the output stopped early (`| head -1`): ended quietly, as if "
        "killed by SIGPIPE |",
        "",
    ]
    return "\n".join(lines)


def tables_reference() -> str:
    """The tables of CSV exports and workbooks, from the layout derived from the model."""
    from ctocmodel.exports import _tables
    from ctocmodel.exports._xlsx import describe

    lines = [
        "# Tables reference",
        "",
        "The tables that `ctocmodel.to_csv` writes (`NAME.csv`) and the sheets of",
        "`ctocmodel.to_xlsx` (`NAME`), generated from the layout that is derived from the",
        "model classes. `field_<tag>` stands for one column per language (`name_en`,",
        "`name_fr`, ...). See [the how-to guide](../../howto/spreadsheets.md) for the",
        "cells.",
        "",
    ]
    for table in _tables.layout():
        lines += [f"## {table.name}", "", "| column | what it holds | values |", "|---|---|---|"]
        for key in table.keys:
            lines.append(f"| `{key}` | {describe(table, None, key)} | |")
        for column in table.columns:
            name = f"{column.name}_<tag>" if column.kind == "texts" else column.name
            values = ", ".join(f"`{c}`" for c in column.choices) if column.choices else ""
            if len(column.choices) > 20:
                values = f"{len(column.choices)} ISO 3166-1 codes"
            what = describe(table, column, None).replace("|", "\\|")
            lines.append(f"| `{name}` | {what} | {values} |")
        lines.append("")
    return "\n".join(lines)


def write_all(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (
        ("format.md", format_reference()),
        ("cli.md", cli_reference()),
        ("tables.md", tables_reference()),
    ):
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
