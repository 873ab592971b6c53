"""Build the demo in an empty example-site database: home pages, About RENGO, the section."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, call_command
from django.db import transaction
from wagtail.models import Locale, Page, Site

from example_site.home.models import HomePage, StandardPage

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "rengo-demo"


class Command(BaseCommand):
    help = "Create the example site's pages in English and Japanese and a demo admin login."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000", help="Port the demo server listens on.")

    @transaction.atomic
    def handle(self, *args, port, **options):
        en, _ = Locale.objects.get_or_create(language_code="en")
        ja, _ = Locale.objects.get_or_create(language_code="ja")
        home = self.home_page(en)
        about = self.child(home, "about-rengo", "About RENGO")
        home_ja = self.translation(home, ja, title="ホーム")
        self.translation(about, ja, title="連合について")
        self.configure_sites(home, home_ja, port)
        call_command("rengo_load_organizations", parent=str(about.pk), stdout=self.stdout)
        self.demo_login(port)

    def home_page(self, locale):
        existing = HomePage.objects.filter(locale=locale).first()
        if existing:
            return existing
        root = Page.get_first_root_node()
        # Wagtail's initial "Welcome to your new Wagtail site!" page holds the
        # slug "home": the demo's home page replaces it (its Site is recreated
        # by configure_sites).
        root.get_children().filter(slug="home", content_type__model="page").delete()
        home = root.add_child(
            instance=HomePage(
                title="Home",
                slug="home",
                locale=locale,
                body="<p>The Japanese Trade Union Confederation (JTUC-RENGO).</p>",
            )
        )
        home.save_revision().publish()
        return home

    def child(self, parent, slug, title):
        existing = parent.get_children().filter(slug=slug).first()
        if existing:
            return existing.specific
        page = parent.add_child(instance=StandardPage(title=title, slug=slug))
        page.save_revision().publish()
        return page

    def translation(self, page, locale, **fields):
        existing = page.get_translation_or_none(locale)
        if existing:
            return existing.specific
        translated = page.copy_for_translation(locale, copy_parents=True)
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save_revision().publish()
        return translated

    def configure_sites(self, home, home_ja, port):
        """The Sites of the layout that EXAMPLE_SITE_LAYOUT chooses.

        ``prefixes``: one Site on 127.0.0.1 serving both languages under /en/
        and /ja/. ``domains``: a Site per language, each rooted at its own home
        page, English the default: RENGO's jtuc-rengo.org and jtuc-rengo.or.jp.
        """
        if settings.EXAMPLE_SITE_LAYOUT == "domains":
            hostnames = settings.EXAMPLE_SITE_HOSTNAMES
            sites = {home: (hostnames["en"], "RENGO"), home_ja: (hostnames["ja"], "連合")}
        else:
            sites = {home: ("127.0.0.1", "RENGO")}
        Site.objects.exclude(root_page__in=list(sites)).delete()
        for root_page, (hostname, site_name) in sites.items():
            site, _ = Site.objects.update_or_create(
                root_page=root_page,
                defaults={
                    "hostname": hostname,
                    "port": int(port),
                    "site_name": site_name,
                    "is_default_site": root_page == home,
                },
            )
            self.stdout.write(f"{site_name}: {site.root_url}/")

    def demo_login(self, port):
        User = get_user_model()
        if not User.objects.filter(username=DEMO_USERNAME).exists():
            User.objects.create_superuser(DEMO_USERNAME, "admin@example.com", DEMO_PASSWORD)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo admin login: {DEMO_USERNAME} / {DEMO_PASSWORD} (http://127.0.0.1:{port}/admin/)"
            )
        )
