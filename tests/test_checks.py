"""Each system check fires on the host setting it explains, and only then."""

import pytest
from django.core import checks
from django.test import override_settings

from rengo_wagtail.checks.settings import check_page_model_not_swapped
from tests import settings as test_settings
from tests.helpers.checks import our_messages


def test_a_correct_host_gets_no_messages():
    assert our_messages() == {}


@override_settings(WAGTAIL_I18N_ENABLED=False)
def test_i18n_off():
    message = our_messages()["rengo_wagtail.E001"]
    assert message.level == checks.ERROR
    assert "WAGTAIL_I18N_ENABLED = True" in message.hint


@override_settings(RENGO_WAGTAIL_SOURCE_LANGUAGE="fr")
def test_source_language_not_a_content_language():
    message = our_messages()["rengo_wagtail.E002"]
    assert "'fr'" in message.msg
    assert "WAGTAIL_CONTENT_LANGUAGES" in message.hint


@override_settings(WAGTAIL_CONTENT_LANGUAGES=[("en", "English")], LANGUAGES=[("en", "English")])
def test_shipped_content_language_missing():
    message = our_messages()["rengo_wagtail.W003"]
    assert message.level == checks.WARNING
    assert "'ja'" in message.msg


@override_settings(
    MIDDLEWARE=[m for m in test_settings.MIDDLEWARE if not m.endswith("LocaleMiddleware")]
)
def test_locale_middleware_missing():
    message = our_messages()["rengo_wagtail.E004"]
    assert "django.middleware.locale.LocaleMiddleware" in message.hint


@override_settings(RENGO_WAGTAIL_BASE_TEMPLATE="no/such/base.html")
def test_base_template_missing():
    message = our_messages()["rengo_wagtail.E005"]
    assert "no/such/base.html" in message.msg
    assert "RENGO_WAGTAIL_BASE_TEMPLATE" in message.hint


@override_settings(RENGO_WAGTAIL_BASE_TEMPLAT="base.html")
def test_misspelt_setting():
    message = our_messages()["rengo_wagtail.W006"]
    assert message.msg.startswith("RENGO_WAGTAIL_BASE_TEMPLAT is not")


@pytest.mark.parametrize("setting", ["WAGTAIL_I18N_ENABLED", "RENGO_WAGTAIL_BASE_TEMPLATE"])
def test_manage_py_check_fails_with_the_message(setting, capsys):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    value = False if setting == "WAGTAIL_I18N_ENABLED" else "missing.html"
    with override_settings(**{setting: value}), pytest.raises(SystemCheckError) as error:
        call_command("check")
    assert "rengo_wagtail.E00" in str(error.value)


@override_settings(WAGTAIL_PAGE_MODEL="basepage.BasePage")
def test_swapped_page_model_is_refused():
    # Called directly: with a swapped setting, Django's own model checks fail first.
    (message,) = check_page_model_not_swapped()
    assert message.id == "rengo_wagtail.E007"
    assert "basepage.BasePage" in message.msg


@pytest.mark.parametrize("value", ["fallback", "", None, 404])
def test_unknown_fallback(value):
    with override_settings(RENGO_WAGTAIL_FALLBACK=value):
        message = our_messages()["rengo_wagtail.E012"]
    assert message.level == checks.ERROR
    assert message.msg.startswith(f"RENGO_WAGTAIL_FALLBACK is {value!r}")
    assert "'source', 'redirect', '404'" in message.hint


@pytest.mark.parametrize("value", ["source", "redirect", "404"])
def test_each_fallback_is_accepted(value):
    with override_settings(RENGO_WAGTAIL_FALLBACK=value):
        assert "rengo_wagtail.E012" not in our_messages()


def test_atomic_requests_off(settings):
    settings.SILENCED_SYSTEM_CHECKS = []  # the test settings silence it (tests/settings.py)
    message = our_messages()["rengo_wagtail.W013"]
    assert message.level == checks.WARNING
    assert "ATOMIC_REQUESTS" in message.hint


def test_atomic_requests_on(settings):
    settings.SILENCED_SYSTEM_CHECKS = []
    settings.DATABASES = {
        **settings.DATABASES,
        "default": {**settings.DATABASES["default"], "ATOMIC_REQUESTS": True},
    }
    assert "rengo_wagtail.W013" not in our_messages()
