"""Run inside the fresh virtual environment: the installed app works without the checkout."""

import os
import sys
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "host_settings"
sys.path.insert(0, str(Path(__file__).resolve().parent))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402

import rengo_wagtail  # noqa: E402
from rengo_wagtail.models import OrganizationPage  # noqa: E402

package = Path(rengo_wagtail.__file__).resolve().parent
assert "site-packages" in str(package), package
assert (package / "locale" / "ja" / "LC_MESSAGES" / "django.mo").is_file()
assert (package / "fixtures").is_dir()

call_command("migrate", verbosity=0)
call_command("rengo_load_organizations", verbosity=0)

with translation.override("ja"):
    label = str(OrganizationPage._meta.verbose_name)
assert label != "organization page", "the Japanese catalog was not found"

client = Client()
rials = OrganizationPage.objects.get(content_key="rengo-rials", locale__language_code="ja")
response = client.get(rials.url)
html = response.content.decode()
assert response.status_code == 200, response.status_code
assert 'lang="ja"' in html
assert "公益財団法人 連合総合生活開発研究所" in html, "legal-form naming from the catalog"
assert "1987年12月" in html
print("installed app OK:", package, label)
