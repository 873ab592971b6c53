"""System checks of the host's settings: each one the app needs, explained with its fix."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.translation import gettext as _
from wagtail.coreutils import get_content_languages, get_supported_content_language_variant

from ..conf import DEFAULTS, get_setting
from ..delivery.fallback import MODES as FALLBACK_MODES

# Languages whose content rengo-wagtail ships.
SHIPPED_CONTENT_LANGUAGES = ("en", "ja")


@register(Tags.compatibility)
def check_i18n_settings(app_configs=None, **kwargs):
    errors = []
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        errors.append(
            Error(
                _("Wagtail's internationalisation is off."),
                hint=_("Set WAGTAIL_I18N_ENABLED = True and USE_I18N = True in your settings."),
                id="rengo_wagtail.E001",
            )
        )
        return errors
    source = get_setting("SOURCE_LANGUAGE") or settings.LANGUAGE_CODE
    try:
        get_supported_content_language_variant(source)
    except LookupError:
        errors.append(
            Error(
                _("The source language %(code)r is not a content language.") % {"code": source},
                hint=_(
                    "Add it to WAGTAIL_CONTENT_LANGUAGES, or set "
                    "RENGO_WAGTAIL_SOURCE_LANGUAGE to one of its languages."
                ),
                id="rengo_wagtail.E002",
            )
        )
    content_languages = get_content_languages()
    for code in SHIPPED_CONTENT_LANGUAGES:
        if code not in content_languages:
            errors.append(
                Warning(
                    _("WAGTAIL_CONTENT_LANGUAGES lacks %(code)r: its content cannot be installed.")
                    % {"code": code},
                    hint=_("Add (%(code)r, …) to WAGTAIL_CONTENT_LANGUAGES and LANGUAGES.")
                    % {"code": code},
                    id="rengo_wagtail.W003",
                )
            )
    if "django.middleware.locale.LocaleMiddleware" not in settings.MIDDLEWARE:
        errors.append(
            Error(
                _("LocaleMiddleware is not installed: pages cannot be served in their language."),
                hint=_(
                    "Add 'django.middleware.locale.LocaleMiddleware' to MIDDLEWARE, after "
                    "SessionMiddleware and before CommonMiddleware."
                ),
                id="rengo_wagtail.E004",
            )
        )
    return errors


@register(Tags.templates)
def check_base_template(app_configs=None, **kwargs):
    name = get_setting("BASE_TEMPLATE")
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return [
            Error(
                _("The base template %(name)r does not exist.") % {"name": name},
                hint=_(
                    "Set RENGO_WAGTAIL_BASE_TEMPLATE to the template your pages extend, "
                    "such as 'base.html'."
                ),
                id="rengo_wagtail.E005",
            )
        ]
    return []


@register()
def check_setting_names(app_configs=None, **kwargs):
    known = {f"RENGO_WAGTAIL_{name}" for name in DEFAULTS}
    return [
        Warning(
            _("%(name)s is not a rengo-wagtail setting.") % {"name": name},
            hint=_("Check its spelling against the settings reference in the documentation."),
            id="rengo_wagtail.W006",
        )
        for name in sorted(dir(settings))
        if name.startswith("RENGO_WAGTAIL_") and name not in known
    ]


@register(Tags.models)
def check_page_model_not_swapped(app_configs=None, **kwargs):
    # Wagtail 8 lets a site swap the base page model (WAGTAIL_PAGE_MODEL); our
    # page types and migrations are built on wagtailcore.Page itself.
    swapped = getattr(settings, "WAGTAIL_PAGE_MODEL", "wagtailcore.Page")
    if swapped.lower() == "wagtailcore.page":
        return []
    return [
        Error(
            _("rengo-wagtail cannot run with a swapped page model (%(model)r).")
            % {"model": swapped},
            hint=_(
                "Its page types extend wagtailcore.Page. Remove WAGTAIL_PAGE_MODEL, or do not "
                "install rengo_wagtail on this site."
            ),
            id="rengo_wagtail.E007",
        )
    ]


@register()
def check_fallback(app_configs=None, **kwargs):
    value = get_setting("FALLBACK")
    if value in FALLBACK_MODES:
        return []
    return [
        Error(
            _("RENGO_WAGTAIL_FALLBACK is %(value)r: there is no such fallback.") % {"value": value},
            hint=_("Set it to one of %(modes)s (the default is %(default)r).")
            % {
                "modes": ", ".join(repr(mode) for mode in FALLBACK_MODES),
                "default": DEFAULTS["FALLBACK"],
            },
            id="rengo_wagtail.E012",
        )
    ]


@register()  # reads settings only: not a database check, which runs on request only
def check_atomic_requests(app_configs=None, **kwargs):
    # Wagtail's page editor publishes outside any transaction of its own and sends
    # page_published once the page is saved; only ATOMIC_REQUESTS makes the
    # shared-facts sync that follows commit with it. Every other publish (scheduled,
    # scripts, publish with translations, wagtail-localize) is one transaction by
    # itself (``RengoPageMixin.publish``).
    if settings.DATABASES.get("default", {}).get("ATOMIC_REQUESTS"):
        return []
    return [
        Warning(
            _(
                "ATOMIC_REQUESTS is off: when a publish in the page editor succeeds but the "
                "shared-facts sync of its translations fails, the page goes live without it."
            ),
            hint=_(
                "Set DATABASES['default']['ATOMIC_REQUESTS'] = True, so that each request "
                "commits as a whole, or silence rengo_wagtail.W013 if your own middleware "
                "runs the admin's requests in a transaction."
            ),
            id="rengo_wagtail.W013",
        )
    ]
