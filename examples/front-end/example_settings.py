"""The example site with this front end named for previews (run by ci.sh).

``FRONT_END_URL`` is where the built front end is served.
"""

import os

from example_site.settings import *  # noqa: F403

WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": os.environ.get("FRONT_END_URL", "http://127.0.0.1:4321")}
}
