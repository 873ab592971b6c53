"""Generated and mutated content files: a clean error or a clean load, never anything else.

Each example starts from the shipped content (trimmed to two organizations so
that a load is quick) and breaks it: corrupt bytes, wrong types, random
unicode, missing and extra fields, oversize strings, bad dates and URLs. The
reader must answer with a ``ContentError`` or a ``Content``; the command with a
``CommandError`` that leaves the database as it was, or a clean load.
"""

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.management import CommandError
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rengo_wagtail.content.files import Content, ContentError, read_content
from rengo_wagtail.models import OrganizationPage
from tests.helpers import REPO
from tests.helpers.content import db_state, load

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FILES = ("organizations.json", "en.json", "ja.json")
KEPT = ("rengo-rials", "jcrp")

# Strings that are valid JSON but break a field's rules, or a database's.
NASTY = st.sampled_from(
    [
        "",
        " ",
        "x" * 256,
        "退" * 1001,
        "🙂" * 300,
        "\x00",
        "a\x00b",
        "\ud800",
        "\u202eevil",
        "1991-13",
        "0991",
        "2200",
        "1991-1",
        "19910",
        "tr.jtuc-rengo.jp",
        "javascript:alert(1)",
        "ftp://example.org/",
        "https://",
        "https://" + "x" * 250 + ".org/",
        "JCRP",
        "related organizations",
        "<script>alert(1)</script>",
        "public_interest_foundation",
        "research",
        "ja",
        "heading",
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
    | NASTY
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=12), children, max_size=3)
    ),
    max_leaves=8,
)
FIELD_NAMES = st.sampled_from(
    ["title", "summary", "body", "key", "slug", "founded", "website", "type", "value", "extra"]
) | st.text(max_size=12)


def trimmed_content(directory):
    """The shipped content with only ``KEPT`` organizations, written to ``directory``."""
    shutil.copytree(REPO / "fixtures", directory)
    path = directory / "organizations.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["organizations"] = [item for item in data["organizations"] if item["key"] in KEPT]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    for name in ("en.json", "ja.json"):
        path = directory / name
        data = json.loads(path.read_text(encoding="utf-8"))
        data["organizations"] = {key: data["organizations"][key] for key in KEPT}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return trimmed_content(tmp_path_factory.mktemp("fuzz") / "content")


def paths_in(value, path=()):
    """Every path to a value inside ``value``, the root included."""
    yield path
    if isinstance(value, dict):
        for name, item in value.items():
            yield from paths_in(item, (*path, name))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from paths_in(item, (*path, number))


def mutate(data, draw):
    """Apply one or more generated mutations to ``data`` (parsed JSON), in place; return it."""
    for _round in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(list(paths_in(data))))
        if not path:
            if draw(st.booleans()):
                return draw(JSON_VALUES)
            continue
        *parent_path, last = path
        parent = data
        for step in parent_path:
            parent = parent[step]
        operation = draw(st.sampled_from(["replace", "nasty", "delete", "extra", "duplicate"]))
        if operation == "replace":
            parent[last] = draw(JSON_VALUES)
        elif operation == "nasty":
            parent[last] = draw(NASTY)
        elif operation == "delete":
            del parent[last]
        elif operation == "extra" and isinstance(parent, dict):
            parent[draw(FIELD_NAMES)] = draw(JSON_VALUES)
        elif isinstance(parent, list):
            parent.append(parent[last])
    return data


@st.composite
def broken_files(draw):
    """A file name and the bytes to write there: mutated JSON, or corrupted bytes."""
    name = draw(st.sampled_from(FILES))
    raw = (REPO / "fixtures" / name).read_bytes()
    kind = draw(st.sampled_from(["mutate", "mutate", "mutate", "truncate", "bytes", "insert"]))
    if kind == "mutate":
        data = mutate(json.loads(raw), draw)
        return name, json.dumps(data, ensure_ascii=draw(st.booleans()) or None).encode(
            "utf-8", "surrogatepass"
        )
    if kind == "truncate":
        return name, raw[: draw(st.integers(min_value=0, max_value=len(raw)))]
    if kind == "insert":
        at = draw(st.integers(min_value=0, max_value=len(raw)))
        return name, raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    return name, draw(st.binary(max_size=200))


EDGE_CASES = [
    ("ja.json", b"[" * 100_000),  # nesting deeper than the parser's recursion
    ("en.json", b'{"language": ' + b"9" * 5000 + b"}"),  # an integer Python will not read
    ("organizations.json", b'{"format_version": NaN}'),
    ("ja.json", b'{"language": "ja", "index": "\\ud800"}'),
    ("ja.json", b"\xef\xbb\xbf{}"),
]


def write_broken(directory, name, raw):
    (directory / name).write_bytes(raw)


def with_examples(test):
    for name, raw in EDGE_CASES:
        test = example(broken=(name, raw))(test)
    return test


@FUZZ
@with_examples
@given(broken=broken_files())
def test_the_reader_answers_with_content_or_a_content_error(base, broken):
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary) / "content"
        shutil.copytree(base, directory)
        write_broken(directory, *broken)
        try:
            content = read_content(directory)
        except ContentError as error:
            message = str(error)
            assert message and "\n" not in message
            assert "Traceback" not in message
        else:
            assert isinstance(content, Content)


def load_cleanly(source, **options):
    """Run the command in a transaction of its own that is always rolled back.

    Assert that it either loads or stops with a ``CommandError`` that leaves
    the database as it was.
    """
    with transaction.atomic():
        before = db_state()
        try:
            load(source=str(source), **options)
        except CommandError as error:
            assert str(error)
            assert db_state() == before
        else:
            assert OrganizationPage.objects.exists()
        transaction.set_rollback(True)


@pytest.mark.django_db
@FUZZ
@with_examples
@given(broken=broken_files())
def test_the_command_on_a_fresh_site_loads_or_changes_nothing(base, broken):
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary) / "content"
        shutil.copytree(base, directory)
        write_broken(directory, *broken)
        load_cleanly(directory)


@pytest.fixture
def installed_base(base, db):
    load(source=str(base))
    return base


@pytest.mark.django_db
@settings(FUZZ, max_examples=25)
@given(broken=broken_files())
def test_the_command_updating_a_site_loads_or_changes_nothing(installed_base, broken):
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary) / "content"
        shutil.copytree(installed_base, directory)
        write_broken(directory, *broken)
        load_cleanly(directory, update=True, force=True)
