"""Settings and a test runner for running Wagtail's own tests with and without rengo_wagtail.

``scripts/wagtail_suite.py`` puts ``compat/`` on the path of a virtual environment where
Wagtail is installed from its sdist, which ships its tests and ``wagtail.test.settings``.
"""
