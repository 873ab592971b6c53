"""Django's test runner, also writing which tests failed to a JSON file for the comparison."""

import json
import os

from django.test.runner import DiscoverRunner


class RecordingRunner(DiscoverRunner):
    """Write ``{"ran": n, "failed": {test id: traceback}}`` to ``$WAGTAIL_SUITE_RESULT``.

    Failures, errors (a class's ``setUpClass`` included) and unexpected successes
    all count as failed.
    """

    def suite_result(self, suite, result, **kwargs):
        failed = {test.id(): traceback for test, traceback in (*result.failures, *result.errors)}
        failed.update((test.id(), "unexpected success") for test in result.unexpectedSuccesses)
        with open(os.environ["WAGTAIL_SUITE_RESULT"], "w") as out:
            json.dump({"ran": result.testsRun, "failed": failed}, out, indent=1, sort_keys=True)
        return super().suite_result(suite, result, **kwargs)
