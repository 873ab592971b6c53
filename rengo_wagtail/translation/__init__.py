"""Translating pages and keeping translations current.

- ``state``: how far each translation follows its source (the one rule).
- ``sync``: the shared facts, kept in step on every publish.
- ``publishing``: publishing a source together with its translations.
- ``workflow``: what the "Translations up to date" workflow task decides.
- ``cascade``: translations follow their source when it is unpublished, moved, deleted.
- ``localize``: the bridge to wagtail-localize, where it is installed.
- ``panels``: the edit form's shared facts, read-only on translations.
"""
