"""The documentation's reference, generated from the code while MkDocs builds (an MkDocs hook).

A reference page holds a line ``<!-- generated: NAME -->``; this hook puts in
its place the Markdown that ``GENERATORS[NAME]`` writes from the checkout:

- ``settings``: ``rengo_wagtail/conf.py``, each setting's default and the
  comment above it;
- ``checks``: every system check in ``rengo_wagtail/checks/``, its id, level,
  message and hint, read from the source;
- ``commands``: each management command's help and options, from its parser;
- ``content-schemas``: the fields of the content files, from their JSON Schemas.

So the reference cannot drift from the code: change the code, and the next
``make docs`` says so. An unknown name stops the build.
"""

import ast
import html
import json
import os
import pkgutil
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "rengo_wagtail"
MARKER = re.compile(r"^<!-- generated: ([\w-]+) -->$", re.MULTILINE)


def cell(text):
    """``text`` safe inside a Markdown table cell."""
    return html.escape(" ".join(str(text).split()), quote=False).replace("|", "\\|")


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def literal(value):
    return f'`"{value}"`' if isinstance(value, str) else f"`{value!r}`"


# Settings ----------------------------------------------------------------------------


def settings_reference():
    from rengo_wagtail.conf import DEFAULTS

    source = (PACKAGE / "conf.py").read_text()
    body = source[source.index("DEFAULTS = {") : source.index("\n}\n")]
    comments, meanings = [], {}
    for line in body.splitlines()[1:]:
        line = line.strip()
        if line.startswith("#"):
            comments.append(line.lstrip("# "))
        elif match := re.match(r'"(\w+)":', line):
            meanings[match[1]] = " ".join(comments)
            comments = []
    missing = set(DEFAULTS) - set(meanings)
    if missing:
        raise ValueError(f"conf.py: no comment above {', '.join(sorted(missing))}")
    return table(
        ["setting", "default", "meaning"],
        [
            [f"`RENGO_WAGTAIL_{name}`", literal(default), cell(meanings[name])]
            for name, default in DEFAULTS.items()
        ],
    )


# System checks -----------------------------------------------------------------------


def _text(node):
    """The English text of a message argument: ``_("…")``, maybe ``% {…}``."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        node = node.left
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_":
        node = node.args[0]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    raise ValueError(f"checks: a message that is not a literal, line {node.lineno}")


def _placeholders(text):
    """``%(name)s`` as *name*: the message names what it fills in. Brackets and
    asterisks are the message's own (``DATABASES['default']``), not Markdown."""
    plain = re.sub(r"([\[\]*])", r"\\\1", cell(text))
    return re.sub(r"%\((\w+)\)[sr]", r"*\1*", plain)


LEVELS = {"Error": "error", "Warning": "warning"}


def _checks_in(path):
    tree = ast.parse(path.read_text())
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        tags = {
            node.attr
            for decorator in function.decorator_list
            if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "register"
            for node in decorator.args
            if isinstance(node, ast.Attribute)
        }
        for call in ast.walk(function):
            if not (isinstance(call, ast.Call) and getattr(call.func, "id", None) in LEVELS):
                continue
            keywords = {keyword.arg: keyword.value for keyword in call.keywords}
            yield {
                "id": keywords["id"].value,
                "level": LEVELS[call.func.id],
                "message": _placeholders(_text(call.args[0])),
                "hint": _placeholders(_text(keywords["hint"])),
                "database": "database" in tags,
            }


def checks_reference():
    sections = []
    modules = sorted((PACKAGE / "checks").glob("*.py"))
    for path in modules:
        checks = sorted(_checks_in(path), key=lambda check: check["id"][-3:])
        if not checks:
            continue
        docstring = ast.get_docstring(ast.parse(path.read_text()))
        rows = [
            [
                f"`{check['id']}`",
                check["level"],
                check["message"]
                + (
                    " (a database check: it runs in `migrate` and "
                    "`manage.py check --database default`)"
                    if check["database"]
                    else ""
                ),
                check["hint"],
            ]
            for check in checks
        ]
        sections.append(
            (
                checks[0]["id"][-3:],
                f"### `rengo_wagtail.checks.{path.stem}`\n\n{docstring}\n\n"
                + table(["id", "level", "message", "hint"], rows),
            )
        )
    return "\n\n".join(text for _, text in sorted(sections))


# Management commands -----------------------------------------------------------------


def commands_reference():
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    import django
    from django.core.management import load_command_class
    from django.core.management.base import BaseCommand

    django.setup()
    common = {action.dest for action in BaseCommand().create_parser("manage.py", "x")._actions}
    names = sorted(
        module.name for module in pkgutil.iter_modules([str(PACKAGE / "management/commands")])
    )
    sections = []
    for name in names:
        command = load_command_class("rengo_wagtail", name)
        parser = command.create_parser("manage.py", name)
        rows = []
        for action in parser._actions:
            if action.dest in common:
                continue
            option = ", ".join(action.option_strings) or action.dest
            if action.nargs != 0:
                option += f" {action.metavar or action.dest.upper()}"
            what = action.help or ""
            if action.required:
                what += " Required."
            rows.append([f"`{option}`", cell(what)])
        options = table(["option", "what it does"], rows) if rows else "No options of its own."
        sections.append(
            f"### `{name}`\n\n{cell(command.help)}\n\n"
            f"```sh\npython manage.py {name} --help\n```\n\n{options}"
        )
    return "\n\n".join(sections)


# Content file schemas ----------------------------------------------------------------


def _type(node):
    if "enum" in node:
        return " or ".join(json.dumps(value, ensure_ascii=False) for value in node["enum"])
    kinds = node.get("type", "")
    kind = " or ".join(kinds) if isinstance(kinds, list) else kinds
    details = [node[key] for key in ("format",) if key in node]
    if "maxLength" in node:
        details.append(f"{node.get('minLength', 0)} to {node['maxLength']} characters")
    elif "minLength" in node:
        details.append(f"at least {node['minLength']} character(s)")
    return f"{kind} ({', '.join(details)})" if details else kind


def _fields(node, path, required, definitions):
    if "$ref" in node:
        node = definitions[node["$ref"].rsplit("/", 1)[1]]
    if path:
        yield [f"`{path}`", cell(_type(node)), "yes" if required else "no",
               cell(node.get("description", ""))]  # fmt: skip
    for name, child in node.get("properties", {}).items():
        child_path = f"{path}.{name}" if path else name
        yield from _fields(child, child_path, name in node.get("required", ()), definitions)
    if isinstance(node.get("items"), dict):
        yield from _fields(node["items"], f"{path}[]", True, definitions)
    if isinstance(node.get("additionalProperties"), dict):
        yield from _fields(node["additionalProperties"], f"{path}.<key>", True, definitions)


# Each content file, with the schema that describes it.
SCHEMAS = (("organizations.json", "organizations"), ("<language>.json", "language"))


def content_schemas_reference():
    sections = []
    for name, schema_name in SCHEMAS:
        path = PACKAGE / "content_schema" / f"{schema_name}.schema.json"
        schema = json.loads(path.read_text())
        rows = list(_fields(schema, "", True, schema.get("$defs", {})))
        sections.append(
            f"### `{name}`\n\n{cell(schema['description'])}\n\n"
            + table(["field", "type", "required", "description"], rows)
        )
    return "\n\n".join(sections)


GENERATORS = {
    "settings": settings_reference,
    "checks": checks_reference,
    "commands": commands_reference,
    "content-schemas": content_schemas_reference,
}


def on_config(config):
    """MkDocs hook: the checkout's code, ahead of any installed copy (MkDocs restores
    ``sys.path`` after loading a hook module, so this is done here)."""
    if sys.path[0] != str(REPO):
        sys.path.insert(0, str(REPO))
    return config


def on_page_markdown(markdown, **kwargs):
    """MkDocs hook: replace each ``<!-- generated: NAME -->`` line with the generated text."""

    def generate(match):
        if match[1] not in GENERATORS:
            raise ValueError(f"{kwargs['page'].file.src_path}: no generator {match[1]!r}")
        return GENERATORS[match[1]]()

    return MARKER.sub(generate, markdown)
