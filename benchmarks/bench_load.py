"""How long ``rengo_load_organizations`` takes, and how many queries it makes, as content grows.

Generates content files in the shipped format with 8, 100 and 500 organizations
in English and Japanese (the shipped organizations, repeated under new keys),
and loads each into a fresh SQLite database (a copy of one migrated database),
a few times. Prints the median time and the queries, in total, per
organization and per organization and language, so that linear growth shows as
flat per-organization columns.

The targets (issue 20) follow with PASS or FAIL, and the script exits 1 when
one is missed: at most 60 queries per organization and language at every size;
500 organizations in two languages in under 20 seconds; linear growth (the time
per organization at 500 at most 1.5 times that at 100, and no more queries per
organization); and the shipped size, 8 organizations, in under 3 seconds.

Run from the repository root: ``make bench`` or ``.venv/bin/python benchmarks/bench_load.py``.
"""

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZES = (8, 100, 500)
REPEATS = {8: 5, 100: 3, 500: 2}
LANGUAGES = ("en", "ja")
# The targets: seconds for the shipped size (8 organizations) and for 500, in two
# languages; queries per organization and language; how much the time per
# organization may grow from 100 to 500 organizations and still count as linear.
TARGET_SECONDS = {8: 3.0, 500: 20.0}
MAX_QUERIES_PER_PAGE = 60
LINEAR_GROWTH = 1.5


def generate_content(directory, count):
    """Content files for ``count`` organizations, built from the shipped ones."""
    shipped = REPO / "fixtures"
    structure = json.loads((shipped / "organizations.json").read_text(encoding="utf-8"))
    texts = {
        code: json.loads((shipped / f"{code}.json").read_text(encoding="utf-8"))
        for code in LANGUAGES
    }
    templates = structure["organizations"]
    organizations = []
    organization_texts = {code: {} for code in texts}
    for number in range(count):
        template = templates[number % len(templates)]
        key = template["key"] if number < len(templates) else f"{template['key']}-{number}"
        organizations.append({**template, "key": key, "slug": key})
        for code, text in texts.items():
            organization_texts[code][key] = text["organizations"][template["key"]]
    directory.mkdir(parents=True)
    structure["organizations"] = organizations
    (directory / "organizations.json").write_text(dumps(structure), encoding="utf-8")
    for code, text in texts.items():
        text["organizations"] = organization_texts[code]
        (directory / f"{code}.json").write_text(dumps(text), encoding="utf-8")
    return directory


def dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main():
    workdir = Path(tempfile.mkdtemp(prefix="rengo-bench-"))
    database = workdir / "db.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    sys.path.insert(0, str(REPO))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        print("Migrating a template database...", flush=True)
        call_command("migrate", verbosity=0)
        connection.close()
        template = workdir / "template.sqlite3"
        shutil.copy(database, template)

        print(
            f"\n{'organizations':>13} {'pages':>6} {'runs':>4} {'median s':>9} "
            f"{'ms / org':>9} {'queries':>8} {'queries / org':>14} {'/ org / language':>17}"
        )
        results = {}
        for size in SIZES:
            source = generate_content(workdir / f"content-{size}", size)
            times, queries = [], []
            for _run in range(REPEATS[size]):
                connection.close()
                shutil.copy(template, database)
                counter = QueryCounter()
                with connection.execute_wrapper(counter):
                    start = time.perf_counter()
                    call_command("rengo_load_organizations", source=str(source), stdout=StringIO())
                    times.append(time.perf_counter() - start)
                queries.append(counter.count)
            median = statistics.median(times)
            query_count = int(statistics.median(queries))
            results[size] = (median, query_count)
            pages = len(LANGUAGES) * size
            print(
                f"{size:>13} {len(LANGUAGES) * (size + 1):>6} {len(times):>4} {median:>9.2f} "
                f"{1000 * median / size:>9.1f} {query_count:>8} {query_count / size:>14.1f} "
                f"{query_count / pages:>17.1f}",
                flush=True,
            )
        return 0 if print_targets(results) else 1
    finally:
        connection.close()
        shutil.rmtree(workdir, ignore_errors=True)


def print_targets(results):
    """The targets with PASS or FAIL; whether all were met."""
    print("\nTargets (issue 20):")
    checks = []
    for size, (_seconds, queries) in results.items():
        per_page = queries / (len(LANGUAGES) * size)
        checks.append(
            (
                f"{size} organizations: queries per organization and language "
                f"≤ {MAX_QUERIES_PER_PAGE}",
                f"{per_page:.1f}",
                per_page <= MAX_QUERIES_PER_PAGE,
            )
        )
    for size, limit in TARGET_SECONDS.items():
        seconds = results[size][0]
        checks.append(
            (
                f"{size} organizations in two languages in under {limit:g} s",
                f"{seconds:.2f} s",
                seconds < limit,
            )
        )
    (small_seconds, small_queries), (large_seconds, large_queries) = results[100], results[500]
    growth = (large_seconds / 500) / (small_seconds / 100)
    checks.append(
        (
            f"linear: time per organization at 500 ≤ {LINEAR_GROWTH:g} x at 100",
            f"{growth:.2f} x",
            growth <= LINEAR_GROWTH,
        )
    )
    checks.append(
        (
            "linear: queries per organization at 500 ≤ at 100",
            f"{large_queries / 500:.1f} ≤ {small_queries / 100:.1f}",
            large_queries / 500 <= small_queries / 100,
        )
    )
    width = max(len(name) for name, _measured, _met in checks)
    for name, measured, met in checks:
        print(f"  {'PASS' if met else 'FAIL'}  {name:<{width}}  {measured}")
    return all(met for _name, _measured, met in checks)


class QueryCounter:
    """A database execute wrapper that counts the queries run."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


if __name__ == "__main__":
    sys.exit(main())
