"""Load and faults: reads in both languages while editors publish, and PostgreSQL going away.

The example site (8 organizations in English and Japanese) as production runs
it: two gunicorn servers on one PostgreSQL, our page cache in a shared Redis,
Varnish (``docs/varnish.vcl``) in front of the first, purged on publish. The
editor is this process, publishing through Wagtail's admin (its edit view,
as a signed-in editor's browser would post it), on the same database and
cache. Every server listens on 127.0.0.1; every loop stops at a deadline and
after a bounded number of rounds. Checked, each with PASS or FAIL:

a. **Reads while editors work.** Reader threads fetch both languages'
   organization page, index and API listing (``?locale=en``, ``?locale=ja``)
   from both servers and through Varnish while the editor publishes new
   English titles, new Japanese titles and new shared facts (``website``,
   ``founded_year``), which the sync copies to the translation. No answer is a
   5xx; none mixes languages (a Japanese page says ``<html lang="ja">`` and
   ``Content-Language: ja`` and holds no English title of the editor's, an API
   listing holds its own language's pages only, and the other way round);
   after the last publish, the next request to every server shows the newest
   titles and facts.
b. **PostgreSQL stopped under load** (``pg_ctl stop -m fast``, a few seconds,
   then started again) while the readers read, the caches warm. While it is
   down, every answer is a 503 (``DatabaseUnavailableMiddleware``) or a page
   kept by the page cache or Varnish (our pages, the sitemap and the API's
   listings, once read), each within ``FAST`` seconds and none a traceback;
   every 503 has ``Retry-After``. Within ``RECOVERY`` seconds of PostgreSQL's return every
   server answers 200 again. The editor, trying to publish from the moment it
   stops, is refused meanwhile and gets through again after its return.
c. **No half-applied sync.** A publish of an English organization with new
   shared facts is cut at chosen moments: the editor's database connection
   ended (``pg_terminate_backend`` from a second connection) as the source's
   row is saved, while the sync (after Wagtail has saved the source) saves the
   translation's revision, and as the sync logs its history entry; then
   PostgreSQL itself stopped while the sync saves the translation's revision.
   Each time the editor is refused, and the source and its translation hold
   the same shared facts: the publish and its sync committed together or not
   at all; at the end every Japanese organization's live shared facts equal
   its English source's. (Wagtail commits the source before
   ``page_published`` reaches the sync; the example site's
   ``ATOMIC_REQUESTS`` makes the admin's whole request one transaction.
   Without it the cuts inside the sync leave the source published and its
   translation behind.)

Run from the repository root: ``make bench BENCH=faults`` (needs PostgreSQL's
server binaries, ``redis-server`` and ``varnishd``). It runs in both URL
layouts of the example site, each in a process of its own
(``EXAMPLE_SITE_LAYOUT=prefixes`` or ``domains`` runs one). ``BENCH_FAULTS_SECONDS``
(default 6) is how long the readers read in (a); ``BENCH_FAULTS_OUTAGE``
(default 4) how long PostgreSQL stays down in (b).
"""

import contextlib
import dataclasses
import itertools
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks import servers  # noqa: E402
from benchmarks.bench_cluster import Checks  # noqa: E402
from benchmarks.bench_http import build_site, environment  # noqa: E402

VCL = REPO / "docs" / "varnish.vcl"
READ_SECONDS = float(os.environ.get("BENCH_FAULTS_SECONDS", "6"))
OUTAGE_SECONDS = float(os.environ.get("BENCH_FAULTS_OUTAGE", "4"))
READERS = 4
# At most this many requests per reader and publishes per editor, whatever the time.
MAX_REQUESTS = 5000
MAX_PUBLISHES = 60
# Seconds: the longest a request may take while the database is away, and
# how soon after its return every server must answer 200 again.
FAST = 2.0
RECOVERY = 5.0
# Seconds the readers read before PostgreSQL stops, and after it is back.
WARM_UP = 1.5
AFTER_RETURN = RECOVERY + 2
# The editor's titles carry a mark of their language, which the other never shows.
MARKS = {"en": "[EN {}]", "ja": "【日本語 {}】"}
LANGUAGES = ("en", "ja")
# The example site's URL layouts (EXAMPLE_SITE_LAYOUT), and the most one may take.
LAYOUTS = ("prefixes", "domains")
LAYOUT_TIMEOUT = 240


@dataclasses.dataclass(frozen=True)
class Target:
    """One URL a reader fetches from one server."""

    server: str  # its name: A, B or Varnish
    via: str  # where the request goes
    url: str  # the page's public URL (its Host the Site's)
    language: str
    kind: str  # "page", "index" or "api"


@dataclasses.dataclass
class Answer:
    target: Target
    started: float  # time.monotonic()
    seconds: float
    status: int  # 0: no answer (refused, reset, timed out)
    headers: dict
    body: str


def ask(target, timeout=10):
    started = time.monotonic()
    try:
        status, headers, body = servers.fetch(target.url, via=target.via, timeout=timeout)
        headers, body = dict(headers), body.decode(errors="replace")
    except OSError as error:
        status, headers, body = 0, {}, f"{type(error).__name__}: {error}"
    return Answer(target, started, time.monotonic() - started, status, headers, body)


def read(targets, seconds, answers):
    """Reader threads fetching ``targets`` in turn for ``seconds``; returns them started."""

    def reader(offset):
        deadline = time.monotonic() + seconds
        turn = itertools.islice(itertools.cycle(targets), offset, offset + MAX_REQUESTS)
        for target in turn:
            if time.monotonic() >= deadline:
                break
            answers.append(ask(target))

    threads = [
        threading.Thread(target=reader, args=(index * len(targets) // READERS,), daemon=True)
        for index in range(READERS)
    ]
    for thread in threads:
        thread.start()
    return threads


def join(threads, seconds):
    deadline = time.monotonic() + seconds
    for thread in threads:
        thread.join(max(0, deadline - time.monotonic()))
    if any(thread.is_alive() for thread in threads):
        raise RuntimeError("a reader is still running past its deadline")


def mixing(answer):
    """What in a 200 answer belongs to the other language (``None`` where nothing does)."""
    language = answer.target.language
    other = next(code for code in LANGUAGES if code != language)
    foreign_mark = MARKS[other].split("{")[0]
    if foreign_mark in answer.body:
        return f"holds a {other} title of the editor's"
    if answer.target.kind == "api":
        locales = {item["meta"].get("locale") for item in json.loads(answer.body)["items"]}
        if locales - {language}:
            return f"lists pages in {sorted(locales - {language})}"
        return None
    html_lang = re.search(r'<html lang="([^"]*)"', answer.body)
    if not html_lang or html_lang.group(1) != language:
        return f"<html lang> is {html_lang and html_lang.group(1)!r}"
    if answer.headers.get("Content-Language") != language:
        return f"Content-Language is {answer.headers.get('Content-Language')!r}"
    return None


def summary(answers):
    counts = {}
    for answer in answers:
        counts[answer.status] = counts.get(answer.status, 0) + 1
    return ", ".join(
        f"{count} answered {status or 'nothing'}" for status, count in sorted(counts.items())
    )


class Editor:
    """An editor publishing through Wagtail's admin edit view, in this process."""

    def __init__(self, host):
        from django.contrib.auth import get_user_model
        from django.test import Client

        self.client = Client(HTTP_HOST=host, raise_request_exception=False)
        self.client.force_login(get_user_model().objects.get(username="admin"))
        self.published = 0
        self.failed = []
        self.ended = []  # (time.monotonic(), went through) of each publish

    def publish(self, page, **changes):
        """Post ``page``'s edit form with ``changes`` and "Publish"; whether it went through."""
        from tests.helpers.pages import organization_form

        data = {**organization_form(page, **changes), "action-publish": "action-publish"}
        try:
            response = self.client.post(f"/admin/pages/{page.pk}/edit/", data)
            status = response.status_code
        # Whatever goes wrong is reported with the rest, not raised.
        except Exception as error:
            status = f"{type(error).__name__}: {error}"
        self.ended.append((time.monotonic(), status == 302))
        if status == 302:
            self.published += 1
            return True
        self.failed.append(status)
        return False


class Section:
    """The organization the editor changes, in both languages, and what it changed last."""

    def __init__(self):
        from django.apps import apps
        from wagtail.models import Locale

        self.model = apps.get_model("rengo_wagtail", "OrganizationPage")
        self.last_read = {}
        source = self.model.objects.filter(locale__language_code="en").order_by("path").first()
        self.pks = {
            "en": source.pk,
            "ja": source.get_translation(Locale.objects.get(language_code="ja")).pk,
        }
        self.titles = {language: self.page(language).title for language in LANGUAGES}
        self.bases = dict(self.titles)
        self.website = source.website
        self.founded_year = source.founded_year

    def page(self, language):
        """The page as the database holds it; while the database is away, as it was last read
        (the form an editor still has open in the browser)."""
        from django.db import DatabaseError, connection

        try:
            self.last_read[language] = self.model.objects.get(pk=self.pks[language])
        except DatabaseError:
            connection.close()
        return self.last_read[language]

    def targets(self, servers_by_name):
        """Each language's organization page, index and API listing on every server."""
        from wagtail.models import Site

        site = Site.objects.get(is_default_site=True).root_url
        urls = []
        for language in LANGUAGES:
            page = self.page(language)
            urls += [
                (page.full_url, language, "page"),
                (page.get_parent().specific.full_url, language, "index"),
                (f"{site}/api/v2/pages/?locale={language}", language, "api"),
            ]
        return [
            Target(name, server.url, url, language, kind)
            for name, server in servers_by_name.items()
            for url, language, kind in urls
        ]

    def edit(self, editor, step):
        """The editor's ``step``-th change: an English title, a Japanese title, or shared facts."""
        change = step % 3
        if change == 2:
            website, year = f"https://example.org/edit-{step}/", 1950 + step % 50
            if editor.publish(self.page("en"), website=website, founded_year=year):
                self.website, self.founded_year = website, year
            return
        language = LANGUAGES[change]
        title = f"{self.bases[language]} {MARKS[language].format(step)}"
        if editor.publish(self.page(language), title=title):
            self.titles[language] = title

    def shown(self, answer):
        """Whether ``answer`` shows what the editor published last."""
        language = answer.target.language
        if answer.status != 200:
            return False
        if answer.target.kind == "api":
            titles = [item["title"] for item in json.loads(answer.body)["items"]]
            return self.titles[language] in titles
        shows_title = self.titles[language] in answer.body
        if answer.target.kind == "page":
            return shows_title and self.website in answer.body
        return shows_title


def half_synced():
    """English organizations whose Japanese version's live shared facts differ from theirs."""
    from django.apps import apps

    from rengo_wagtail.translation.sync import shared_values

    model = apps.get_model("rengo_wagtail", "OrganizationPage")
    pages = list(model.objects.filter(alias_of__isnull=True).select_related("locale"))
    sources = {page.translation_key: page for page in pages if page.locale.language_code == "en"}
    return [
        f"{sources[page.translation_key].title}: {shared_values(page)} in Japanese, "
        f"{shared_values(sources[page.translation_key])} in English"
        for page in pages
        if page.locale.language_code == "ja"
        and page.translation_key in sources
        and shared_values(page) != shared_values(sources[page.translation_key])
    ]


def reads_while_editing(checks, section, targets):
    print(f"\n### a. Reads while the editor publishes ({READ_SECONDS:g} s)\n", flush=True)
    editor = Editor(targets[0].url.split("/")[2])
    answers = []
    readers = read(targets, READ_SECONDS, answers)
    deadline = time.monotonic() + READ_SECONDS
    for step in range(MAX_PUBLISHES):
        if time.monotonic() >= deadline:
            break
        section.edit(editor, step)
    join(readers, READ_SECONDS + 30)
    print(
        f"      {len(answers)} reads ({summary(answers)}); {editor.published} publishes, "
        f"{len(editor.failed)} failed"
    )
    checks(not editor.failed, "every publish of the editor went through", editor.failed[:3])
    errors = [answer for answer in answers if answer.status >= 500 or not answer.status]
    checks(not errors, "no read answered 5xx or failed", describe(errors))
    mixed = [
        (answer, problem)
        for answer in answers
        if answer.status == 200 and (problem := mixing(answer))
    ]
    checks(
        not mixed,
        f"none of the {sum(a.status == 200 for a in answers)} pages and listings mixes languages",
        "; ".join(f"{a.target.server} {a.target.url}: {problem}" for a, problem in mixed[:3]),
    )
    for name in sorted({target.server for target in targets}):
        stale = [
            answer.target.url
            for answer in map(ask, (target for target in targets if target.server == name))
            if not section.shown(answer)
        ]
        checks(
            not stale,
            f"after the last publish, {name}'s next answers show the newest titles and facts",
            stale,
        )


def describe(answers, limit=3):
    return "; ".join(
        f"{answer.target.server} {answer.target.url}: {answer.status or answer.body} "
        f"after {answer.seconds:.1f} s"
        for answer in answers[:limit]
    )


def outage(checks, database, section, targets):
    from django.db import connections

    print(f"\n### b. PostgreSQL stopped for {OUTAGE_SECONDS:g} s under load\n", flush=True)
    editor = Editor(targets[0].url.split("/")[2])
    answers = []
    # The readers first fill the caches that the last publish of (a) retired.
    seconds = WARM_UP + OUTAGE_SECONDS + AFTER_RETURN
    readers = read(targets, seconds, answers)
    stop_editing = threading.Event()

    def edit():
        # From the moment the database is away; a thread of its own, with its own connection.
        from django.db import connection

        try:
            for step in range(1000, 1000 + MAX_PUBLISHES):
                if stop_editing.is_set():
                    break
                section.edit(editor, step)
                time.sleep(0.2)
        finally:
            connection.close()

    editing = threading.Thread(target=edit, daemon=True)
    try:
        time.sleep(WARM_UP)
        stopping = time.monotonic()
        database.stop("fast")
        down = time.monotonic()
        editing.start()
        time.sleep(OUTAGE_SECONDS)
        starting = time.monotonic()
    finally:
        database.start()
    up = time.monotonic()
    # This thread's connection died with the server (outside a request, nothing replaces it).
    connections.close_all()
    print(
        f"      PostgreSQL stopped in {down - stopping:.1f} s, down {starting - down:.1f} s, "
        f"started again in {up - starting:.1f} s"
    )
    join(readers, seconds + 30)
    stop_editing.set()
    editing.join(60)

    while_down = [a for a in answers if a.started >= down and a.started + a.seconds <= starting]
    around = [a for a in answers if a.started + a.seconds >= stopping and a.started <= up]
    print(f"      while it was down: {len(while_down)} reads ({summary(while_down)})")
    checks(while_down, "reads went on while PostgreSQL was down")
    wrong = [a for a in around if a.status not in (200, 503)]
    checks(
        not wrong,
        "while it stopped, was down and started, every answer a 200 or a 503",
        describe(wrong),
    )
    slow = [a for a in around if a.seconds > FAST]
    checks(not slow, f"each within {FAST:g} s (no hang)", describe(slow))
    tracebacks = [a for a in around if "Traceback" in a.body or "Server Error" in a.body]
    checks(not tracebacks, "no traceback or server error page", describe(tracebacks))
    refused = [a for a in around if a.status == 503]
    unexplained = [a for a in refused if a.headers.get("Retry-After") is None]
    checks(
        not unexplained,
        f"each of the {len(refused)} reads refused meanwhile: a 503 with Retry-After",
        describe(unexplained),
    )
    kept = [a for a in while_down if a.status == 200]
    kept_by = {name: sum(a.target.server == name for a in kept) for name in ("A", "B", "Varnish")}
    print(
        f"      {len(kept)} pages answered 200 while the database was down, kept by the page "
        f"cache (A, B) or Varnish: {kept_by}"
    )
    after = [a for a in answers if a.started >= up]
    recovered = {}
    for target in targets:
        mine = [a for a in after if a.target == target]
        failing = [a for a in mine if a.status != 200]
        if mine and mine[-1].status == 200:
            later = [a for a in mine if not failing or a.started > failing[-1].started]
            recovered[target] = later[0].started - up
    late = [t.url for t in targets if recovered.get(t, RECOVERY + 1) > RECOVERY]
    slowest = max(recovered.values(), default=float("nan"))
    checks(
        not late,
        f"every server answers 200 again within {RECOVERY:g} s of PostgreSQL's return "
        f"(the slowest URL after {slowest:.1f} s)",
        late,
    )
    refused = [ended for ended, went_through in editor.ended if not went_through and ended <= up]
    late = [ended for ended, went_through in editor.ended if not went_through and ended > up]
    checks(
        refused and editor.published and all(ended < up + RECOVERY for ended in late),
        f"the editor's {len(refused)} publishes while it was down refused "
        f"({', '.join(sorted({str(status) for status in editor.failed}))}); "
        f"the {editor.published} after its return went through",
    )


def terminate_this_connection(database):
    """End this thread's database connection from a second one, as a crash or failover would."""
    import psycopg
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    with psycopg.connect(database.url, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])


@contextlib.contextmanager
def fault_at(what, when, fault):
    """Call ``fault`` once, when a ``post_save`` of ``what`` satisfies ``when``; yields a
    list that holds ``True`` once it has been called."""
    from django.db.models.signals import post_save

    done = []

    def receiver(sender, instance, **kwargs):
        if not done and when(instance, kwargs):
            done.append(True)
            fault()

    post_save.connect(receiver, sender=what, weak=False)
    try:
        yield done
    finally:
        post_save.disconnect(receiver, sender=what)


def cut_publishes(checks, database, section, host):
    print("\n### c. A publish cut halfway\n", flush=True)
    from django.db import connection
    from wagtail.models import PageLogEntry, Revision

    from rengo_wagtail.translation.sync import LOG_ACTION

    editor = Editor(host)
    english, japanese = section.pks["en"], section.pks["ja"]

    def cut():
        terminate_this_connection(database)

    def stop():
        database.stop("fast")

    source_saved = (
        section.model,
        lambda page, kwargs: page.pk == english and kwargs.get("update_fields") is None,
    )
    translation_revision = (
        Revision,
        lambda revision, kwargs: str(revision.object_id) == str(japanese),
    )
    history_entry = (PageLogEntry, lambda entry, kwargs: entry.action == LOG_ACTION)
    moments = [
        (
            "connection cut as the source's row is saved (in Wagtail's transaction of the save)",
            *source_saved,
            cut,
        ),
        (
            "connection cut while the sync saves the translation's revision",
            *translation_revision,
            cut,
        ),
        ("connection cut as the sync logs its history entry", *history_entry, cut),
        (
            "PostgreSQL stopped while the sync saves the translation's revision",
            *translation_revision,
            stop,
        ),
    ]
    for step, (moment, what, when, fault) in enumerate(moments, start=2000):
        before = section.page("en").website
        website = f"https://example.org/cut-{step}/"
        try:
            with fault_at(what, when, fault) as happened:
                went_through = editor.publish(section.page("en"), website=website)
        finally:
            if fault is stop and happened:
                database.start()
        connection.close()
        source, translation = section.page("en").website, section.page("ja").website
        if source == translation == website:
            outcome = "both committed"
        elif source == translation == before:
            outcome = "neither committed"
        else:
            outcome = "HALF APPLIED"
        passed = happened and not went_through and outcome != "HALF APPLIED"
        checks(
            passed,
            f"{moment}: the publish refused, {outcome}",
            ""
            if passed
            else f"source {source}, translation {translation}, fault: {bool(happened)}, "
            f"answer {editor.failed[-1:] or 302}",
        )
        if source == website:
            section.website = website
    half = half_synced()
    checks(not half, "every translation's shared facts equal its source's", half[:3])


def check_layout():
    """Every check, in the URL layout ``EXAMPLE_SITE_LAYOUT`` names; whether all passed."""
    started = time.monotonic()
    checks = Checks()
    front_port, port_a, port_b = servers.free_port(), servers.free_port(), servers.free_port()
    with contextlib.ExitStack() as stack:
        database = stack.enter_context(servers.postgres())
        redis = stack.enter_context(servers.redis())
        env = environment(database.url, front_port)
        env.update(
            BENCH_REDIS_URL=redis.url,
            BENCH_PAGE_CACHE="1",
            BENCH_VARNISH_URL=f"http://{servers.LOOPBACK}:{front_port}",
        )
        os.environ.update(env)
        import django

        django.setup()
        from django.db import connections

        stack.callback(connections.close_all)
        front = stack.enter_context(servers.varnish(VCL, port_a, port=front_port))
        print("Setting up PostgreSQL and the example site...", flush=True)
        build_site(front_port)
        a = stack.enter_context(servers.gunicorn(port_a, env, workers=1))
        b = stack.enter_context(servers.gunicorn(port_b, env, workers=1))
        print(
            f"Varnish {front.url} -> gunicorn A {a.url}; gunicorn B {b.url}; "
            f"PostgreSQL {database.url}; Redis {redis.url} (the page cache)"
        )
        section = Section()
        targets = section.targets({"A": a, "B": b, "Varnish": front})
        host = targets[0].url.split("/")[2]
        reads_while_editing(checks, section, targets)
        outage(checks, database, section, targets)
        cut_publishes(checks, database, section, host)
    print(
        f"\n{'All checks passed' if checks.ok else 'Some checks FAILED'}; "
        f"{time.monotonic() - started:.0f} s in all."
    )
    return checks.ok


def main():
    """Both URL layouts, each in a process of its own (the layout is a setting), unless
    ``EXAMPLE_SITE_LAYOUT`` names one."""
    servers.exit_on_signals()
    if os.environ.get("EXAMPLE_SITE_LAYOUT"):
        return 0 if check_layout() else 1
    failed = 0
    for layout in LAYOUTS:
        print(f"\n### {layout}\n", flush=True)
        failed |= servers.run_to_end(
            [sys.executable, __file__],
            env={**os.environ, "EXAMPLE_SITE_LAYOUT": layout},
            timeout=LAYOUT_TIMEOUT,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as error:
        sys.exit(f"{error.cmd[0]} failed: {error}")
