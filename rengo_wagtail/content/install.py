"""Writing checked content into a site as pages, one translation per language.

``Installer.check()`` looks and checks without writing; ``Installer.apply()``
writes. The command runs both inside one transaction, so a failure leaves the
database as it was (and ``--dry-run`` rolls back what it did).

A page that differs from the content is only updated when asked (``update``),
and only while no editor has changed it since the installer last wrote it: an
editor's change is a conflict, reported with the fields that differ and left
alone unless ``force``. An organization an editor deleted is not created again
unless named in ``recreate``; one removed from the content is reported, never
deleted. ``adopt`` takes over an index page the installer did not create.
"""

import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageLogEntry
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

from .. import i18n
from ..links import page_url, page_urls
from ..models import InstalledContent, OrganizationIndexPage, OrganizationPage
from ..translation import localize
from ..translation import state as translation_state
from ..translation import sync as translation_sync
from . import writing
from .files import ContentError
from .mapping import (
    INDEX_KEY,
    apply_values,
    content_hash,
    index_values,
    organization_values,
    page_values,
)

LOG_ACTION = "rengo_wagtail.install"
# Logged on each page ``rengo_unload_organizations`` removes, so that a later
# run can tell its removals from an editor's deletions.
UNLOAD_LOG_ACTION = "rengo_wagtail.unload"
# Revisions the app writes itself: none of them is an editor's change.
APP_LOG_ACTIONS = (LOG_ACTION, translation_sync.LOG_ACTION)


@dataclass
class Target:
    """Where one language's pages go, and which of them exist already."""

    language: str  # the site's content language code
    content_language: str  # the code of the content file
    locale: Locale | None
    host: Page | None
    index: OrganizationIndexPage | None = None
    organizations: dict = field(default_factory=dict)  # key → OrganizationPage
    blocked: dict = field(default_factory=dict)  # key → someone else's page at that slug
    deleted: set = field(default_factory=set)  # keys of organizations an editor deleted
    taken_keys: set = field(default_factory=set)  # translation keys its locale uses already


class Installer:
    """Install ``content`` under ``parent`` in the given languages (default: all)."""

    def __init__(
        self,
        content,
        parent,
        languages=None,
        draft=False,
        write=None,
        update=False,
        force=False,
        recreate=(),
        adopt=False,
    ):
        self.content = content
        self.parent = parent
        self.requested = list(languages or content.texts)
        self.draft = draft
        self.update = update or force
        self.force = force
        self.recreate = set(recreate)
        self.adopt = adopt
        self.adopted = set()  # ids of pages taken over with --adopt
        self.write = write or (lambda line: None)
        self.quiet = write is None
        self.counts = Counter()
        self.warnings = []
        self.to_translate = []
        self.targets = []
        self.translation_keys = {}
        self.holding = []  # pages that hold the content after this run
        self.written = []  # pages this run saved
        self.history = writing.History()  # their history entries, written once per language
        self.progress = []  # progress lines of the language being installed
        self.records = []  # records of the pages it created

    # Looking, before any write -------------------------------------------------

    def check(self):
        """Check everything that can be checked before writing; raise ContentError."""
        for code in self.requested:
            if code not in self.content.texts:
                raise ContentError(
                    _(
                        "--language %(code)s: the content has no %(code)s.json. "
                        "Its languages are: %(available)s."
                    )
                    % {"code": code, "available": ", ".join(self.content.texts)}
                )
        keys = [organization.key for organization in self.content.organizations]
        for key in sorted(self.recreate - set(keys)):
            raise ContentError(
                _(
                    "--recreate %(key)s: the content has no organization “%(key)s”. "
                    "Its organizations are: %(available)s."
                )
                % {"key": key, "available": ", ".join(keys)}
            )
        languages = [self._site_language(code) for code in self.requested]
        source = i18n.source_language_code()
        languages.sort(key=lambda pair: pair[0] != source)
        source_locale = Locale.objects.filter(language_code=source).first()
        if source_locale and self.parent.locale_id != source_locale.pk:
            self.parent = self.parent.get_translation_or_none(source_locale) or self.parent
        self.parent = self.parent.specific
        for language, content_language in languages:
            locale = Locale.objects.filter(language_code=language).first()
            target = Target(language, content_language, locale, self._host(locale))
            if target.host is not None:
                self._find_existing(target)
            self.targets.append(target)
        if not any(target.index for target in self.targets):
            self._check_parent_type()
        self._check_keys_elsewhere()
        return self.targets

    def _site_language(self, code):
        try:
            return get_supported_content_language_variant(code), code
        except LookupError:
            raise ContentError(
                _(
                    "The content has %(code)s.json, but WAGTAIL_CONTENT_LANGUAGES does not "
                    'list %(code)s. Add ("%(code)s", …) to WAGTAIL_CONTENT_LANGUAGES (and '
                    "LANGUAGES) in your settings, or leave it out by naming the other "
                    "languages with --language."
                )
                % {"code": code}
            ) from None

    def _host(self, locale):
        if locale is None:
            return None
        if self.parent.locale_id == locale.pk:
            return self.parent
        return self.parent.get_translation_or_none(locale)

    def _find_existing(self, target):
        children = target.host.get_children()
        recorded = children.filter(rengo_installed_content__content_key=INDEX_KEY).first()
        index = recorded or children.filter(slug=self.content.index_slug).first()
        if index is not None and recorded is None and not self._is_translation_of_ours(index):
            if isinstance(index.specific, OrganizationIndexPage):
                if not self.adopt:
                    raise ContentError(
                        _(
                            "“%(parent)s” already has an organization index page “%(title)s” "
                            "(%(url)s) that the installer did not create. Run the command again "
                            "with --adopt to take it over (its id, URL and history are kept), "
                            "or install somewhere else with --parent."
                        )
                        % {
                            "parent": target.host.title,
                            "title": index.title,
                            "url": display_url(index),
                        }
                    )
                self.adopted.add(index.pk)
            else:
                raise ContentError(
                    _(
                        "“%(parent)s” already has a page “%(title)s” (%(url)s) at the slug "
                        "“%(slug)s”, and the installer did not create it. Rename or move that "
                        "page, or install somewhere else with --parent."
                    )
                    % {
                        "parent": target.host.title,
                        "title": index.title,
                        "url": display_url(index),
                        "slug": self.content.index_slug,
                    }
                )
        if index is None:
            return
        target.index = index.specific
        self.translation_keys.setdefault(INDEX_KEY, index.translation_key)
        keys = [organization.key for organization in self.content.organizations]
        slugs = {organization.slug: organization.key for organization in self.content.organizations}
        removed = []
        found = (
            OrganizationPage.objects.child_of(index)
            .filter(locale=target.locale)
            .select_related("locale", "rengo_installed_content")
        )
        for page in found:
            if page.content_key in keys:
                target.organizations[page.content_key] = page
                self.translation_keys.setdefault(page.content_key, page.translation_key)
            elif page.slug in slugs and self.adopt and not page.content_key:
                target.organizations[slugs[page.slug]] = page
                self.translation_keys.setdefault(slugs[page.slug], page.translation_key)
                self.adopted.add(page.pk)
            elif page.slug in slugs:
                target.blocked[slugs[page.slug]] = page
            elif page.content_key:
                removed.append(page)
        self._report_removed(target, removed)
        target.deleted = self._deleted_by_editors(target, set(keys) - set(target.organizations))

    def _report_removed(self, target, pages):
        """Organizations the installer wrote that the content no longer has: kept, reported."""
        recorded = InstalledContent.objects.filter(page__in=pages).values_list("page_id", flat=True)
        for page in pages:
            if page.pk in set(recorded):
                self.warnings.append(
                    _(
                        "%(language)s: “%(title)s” (%(url)s), organization “%(key)s”, is no "
                        "longer in the content files; left on the site. Delete it in the admin "
                        "if it should go."
                    )
                    % {
                        "language": target.language,
                        "title": page.title,
                        "url": display_url(page),
                        "key": page.content_key,
                    }
                )

    def _deleted_by_editors(self, target, absent):
        """Keys among ``absent`` whose installed page in this language has been deleted.

        The installer's history entries outlive their pages; a page that
        ``rengo_unload_organizations`` removed is not an editor's deletion.
        """
        if not absent:
            return set()
        entries = (
            PageLogEntry.objects.filter(
                action=LOG_ACTION,
                data__language=target.language,
                data__content_key__in=sorted(absent),
            )
            .exclude(page_id__in=Page.objects.values("pk"))
            .exclude(
                page_id__in=PageLogEntry.objects.filter(action=UNLOAD_LOG_ACTION).values("page_id")
            )
        )
        return {entry["content_key"] for entry in entries.values_list("data", flat=True)}

    def _is_translation_of_ours(self, page):
        """An index an editor translated from one the installer wrote."""
        return (
            isinstance(page.specific, OrganizationIndexPage)
            and InstalledContent.objects.filter(
                content_key=INDEX_KEY, page__translation_key=page.translation_key
            ).exists()
        )

    def _check_parent_type(self):
        if not OrganizationIndexPage.can_exist_under(self.parent):
            raise ContentError(
                _(
                    "“%(parent)s” cannot hold an organization index page: its page type "
                    "does not allow one. Choose another parent with --parent."
                )
                % {"parent": self.parent.title}
            )

    def _check_keys_elsewhere(self):
        """A content key is unique per language (OrganizationPage.clean): say so before writing."""
        for target in self.targets:
            if target.locale is None:
                continue
            wanted = [
                organization.key
                for organization in self.content.organizations
                if organization.key not in target.organizations
                and organization.key in self.content.texts[target.content_language].organizations
            ]
            clash = (
                OrganizationPage.objects.filter(locale=target.locale, content_key__in=wanted)
                .exclude(pk__in=[page.pk for page in target.organizations.values()])
                .first()
            )
            if clash is not None:
                raise ContentError(
                    _(
                        "“%(title)s” (%(url)s) already has the content key “%(key)s” in "
                        "%(language)s, outside the section being installed. Clear its content "
                        "key (Settings tab), or install under that page's section with --parent."
                    )
                    % {
                        "title": clash.title,
                        "url": display_url(clash),
                        "key": clash.content_key,
                        "language": target.language,
                    }
                )

    # Writing -------------------------------------------------------------------

    def apply(self):
        """Write the pages checked; return the counts of what happened."""
        # A page may be saved more than once (an update is a revision, then its
        # publish): index its references and its search text once, when all is written.
        with writing.search_index_deferred((OrganizationIndexPage, OrganizationPage)):
            for target in self.targets:
                if target.locale is None:
                    target.locale = Locale.objects.create(language_code=target.language)
                    self.write(_("Created the locale %(code)s.") % {"code": target.language})
                if target.host is None:
                    target.host = self._alias_host(target.locale)
                with disable_reference_index_auto_update():
                    self._install_language(target)
            for page in self.written:
                update_reference_index_task.enqueue(
                    page._meta.app_label, page._meta.model_name, str(page.pk)
                )
            localize.register_installed(self.holding)
            if not self.draft:
                translation_state.record_installed(self.holding)
        return self.counts

    def _alias_host(self, locale):
        lineage = self.parent.get_ancestors(inclusive=True).filter(depth__gt=1)
        missing = [page for page in lineage if not page.get_translation_or_none(locale)]
        host = self.parent.copy_for_translation(locale, copy_parents=True, alias=True)
        for page in missing:
            alias = page.get_translation(locale)
            self.to_translate.append(alias)
            self.write(_line(_("alias"), locale.language_code, alias))
        return host.specific

    def _install_language(self, target):
        text = self.content.texts[target.content_language]
        # The other languages' translation keys this one already uses (elsewhere than
        # the pages found): a page created with one could not be saved.
        target.taken_keys = set(
            Page.objects.filter(
                locale=target.locale, translation_key__in=list(self.translation_keys.values())
            ).values_list("translation_key", flat=True)
        )
        under_host = writing.NewChildren(target.host)
        index = self._ensure(
            target,
            OrganizationIndexPage,
            INDEX_KEY,
            index_values(self.content, target.content_language),
            under_host,
            target.index,
        )
        under_host.close()
        under_index = writing.NewChildren(index)
        for organization in self.content.organizations:
            key = organization.key
            if key not in text.organizations:
                continue
            if key in target.deleted and key not in self.recreate:
                deleted = _("deleted")
                self.progress.append(f"  {deleted:<10} {target.language:<3} {organization.slug}")
                self.warnings.append(
                    _(
                        "%(language)s: the organization “%(key)s” was deleted on the site; "
                        "not created again. Run with --recreate %(key)s to create it again."
                    )
                    % {"language": target.language, "key": key}
                )
                self.counts["skipped"] += 1
                continue
            if key in target.blocked:
                page = target.blocked[key]
                self._skip(
                    target,
                    page,
                    _(
                        "%(language)s: “%(title)s” (%(url)s) already uses the slug “%(slug)s” "
                        "but is not the organization “%(key)s”; skipped. Rename it, or set its "
                        "content key to “%(key)s” to let the installer manage it."
                    )
                    % {
                        "language": target.language,
                        "title": page.title,
                        "url": display_url(page),
                        "slug": organization.slug,
                        "key": key,
                    },
                )
                continue
            self._ensure(
                target,
                OrganizationPage,
                key,
                organization_values(organization, text.organizations[key]),
                under_index,
                target.organizations.get(key),
            )
        under_index.close()
        InstalledContent.objects.bulk_create(self.records)
        self.records = []
        self.history.write()
        self._write_progress()
        missing = self.content.missing(target.content_language)
        if missing:
            self.warnings.append(
                _("%(file)s has no text for: %(keys)s. Not installed in %(language)s.")
                % {"file": text.path.name, "keys": ", ".join(missing), "language": target.language}
            )

    def _ensure(self, target, model, key, values, children, existing):
        """Create (as the last of ``children``), update or leave one page; return it."""
        if existing is None:
            translation_key = self.translation_keys.setdefault(key, uuid.uuid4())
            page = model(locale=target.locale, translation_key=translation_key, **values)
            page.live = not self.draft
            children.add(page, self.history, target.taken_keys)  # which validates the page
            revision = writing.first_revision(page, not self.draft, self.history)
            self._written(page, target, key, revision, _("created"))
            self.records.append(self._record(page, target, key, values, save=False))
            self.counts["created"] += 1
            self.holding.append(page)
            return page
        current = existing.get_latest_revision_as_object()
        found = page_values(current)
        record = installed_record(existing)
        if existing.pk in self.adopted:
            record = self._adopt(target, existing, key, found, values)
        if found == values:
            # The page holds the content: from now on the installer may update it.
            if record is None:
                record = self._record(existing, target, key, values)
            elif record.content_hash != content_hash(values):
                record.content_hash = content_hash(values)
                record.save(update_fields=["content_hash"])
            if not self.draft and (not existing.live or existing.has_unpublished_changes):
                self._save(current, target, key, _("published"), existing.get_latest_revision())
                self.counts["updated"] += 1
            else:
                self._line(_("unchanged"), target, existing)
                self.counts["unchanged"] += 1
            self.holding.append(existing)
            return existing
        differing = ", ".join(name for name in values if found.get(name) != values[name])
        # No record, or an empty hash (adopted): the page holds no installer's content.
        edited = (
            record is None
            or not record.content_hash
            or (record.content_hash != content_hash(found) and edited_by_editors(existing))
        )
        place = {
            "language": target.language,
            "title": existing.title,
            "url": display_url(existing),
            "fields": differing,
        }
        # An adopted page that lacks only its content key is given it without asking.
        key_only = existing.pk in self.adopted and values == {
            **found,
            "content_key": values.get("content_key"),
        }
        if not self.update and not key_only:
            self._line(_("differs"), target, existing)
            self.counts["differs"] += 1
            self.warnings.append(
                (
                    _(
                        "%(language)s: “%(title)s” (%(url)s) differs from the content files in: "
                        "%(fields)s, and was edited on the site after it was installed; left as "
                        "it is. Run with --update --force to take the content's version."
                    )
                    if edited
                    else _(
                        "%(language)s: “%(title)s” (%(url)s) differs from the content files in: "
                        "%(fields)s; left as it is. Run with --update to bring it up to date."
                    )
                )
                % place
            )
            return existing
        if edited and not self.force and not key_only:
            self._line(_("conflict"), target, existing)
            self.counts["conflicts"] += 1
            self.warnings.append(
                _(
                    "%(language)s: “%(title)s” (%(url)s) was edited on the site after it was "
                    "installed, and differs from the content files in: %(fields)s; left as it "
                    "is. Run with --force to take the content's version (the editor's version "
                    "stays in the page's history)."
                )
                % place
            )
            return existing
        apply_values(current, values)
        self._save(current, target, key, _("updated"))
        if record is None:
            self._record(existing, target, key, values)
        else:
            record.content_hash = content_hash(values)
            record.save(update_fields=["content_hash"])
        self.counts["updated"] += 1
        self.holding.append(current)
        return current

    def _record(self, page, target, key, values, save=True):
        record = InstalledContent(
            page=page,
            content_key=key,
            language_code=target.language,
            content_hash=content_hash(values),
        )
        if save:
            record.save()
        return record

    def _adopt(self, target, page, key, found, values):
        """Take over a page the installer did not create; return its new record.

        It joins the other languages' pages as their translation. Its content
        counts as an editor's (an empty hash never matches) unless it holds the
        content already.
        """
        translation_key = self.translation_keys.setdefault(key, page.translation_key)
        if page.translation_key != translation_key:
            Page.objects.filter(pk=page.pk).update(translation_key=translation_key)
            page.translation_key = translation_key
        self.progress.append((_("adopted"), target.language, page))
        self.counts["adopted"] += 1
        return InstalledContent.objects.create(
            page=page,
            content_key=key,
            language_code=target.language,
            content_hash=content_hash(values) if found == values else "",
        )

    def _save(self, page, target, key, action, revision=None):
        """A revision of an existing page (published unless --draft), and a history entry."""
        revision = revision or page.save_revision()
        if not self.draft:
            revision.publish()
            # publish() saves a copy of the page made from the revision: this one
            # learns what went live, for recording its translations against it.
            page.live, page.live_revision = True, revision
        self._written(page, target, key, revision, action)
        # Next to the entries publish() wrote, as they were.
        self.history.write()

    def _written(self, page, target, key, revision, action):
        """The history entry naming the installer, and the progress line."""
        self.written.append(page)
        self.history.add(
            page,
            LOG_ACTION,
            revision=revision,
            content_changed=True,
            data={
                "action": "draft" if self.draft else "publish",
                "content_key": key,
                "language": target.language,
                "source": str(self.content.directory),
            },
        )
        self._line(action, target, page)

    def _skip(self, target, page, warning):
        self._line(_("skipped"), target, page)
        self.warnings.append(warning)
        self.counts["skipped"] += 1

    def _line(self, action, target, page):
        self.progress.append((action, target.language, page))

    def _write_progress(self):
        """Write the language's progress lines, its pages' URLs placed together."""
        if self.quiet:
            self.progress = []
            return
        pages = [item[2] for item in self.progress if not isinstance(item, str)]
        urls = page_urls(pages)
        for item in self.progress:
            if isinstance(item, str):
                self.write(item)
            else:
                action, language, page = item
                self.write(_format_line(action, language, urls[page.pk] or page.url_path, page))
        self.progress = []


def installed_record(page):
    """The installer's record of ``page`` (read with it where it was selected), or None."""
    try:
        return page.rengo_installed_content
    except InstalledContent.DoesNotExist:
        return None


def edited_by_editors(page):
    """Whether someone other than the app saved a revision of ``page`` since the installer's
    last one (drafts included)."""
    app_revisions = PageLogEntry.objects.filter(
        page=page, action__in=APP_LOG_ACTIONS, revision__isnull=False
    ).values_list("revision_id", flat=True)
    last_installed = (
        PageLogEntry.objects.filter(page=page, action=LOG_ACTION, revision__isnull=False)
        .order_by("-revision_id")
        .values_list("revision_id", flat=True)
        .first()
    )
    revisions = page.revisions.exclude(pk__in=app_revisions)
    if last_installed is not None:
        revisions = revisions.filter(pk__gt=last_installed)
    return revisions.exists()


def _line(action, language, page):
    """One progress line: what happened, the language, where, and the page's title."""
    return _format_line(action, language, display_url(page), page)


def _format_line(action, language, url, page):
    return f"  {action:<10} {language:<3} {url}  {page.title}"


def display_url(page):
    """The page's public URL, or its tree path where no Site serves it."""
    return page_url(page) or page.url_path
