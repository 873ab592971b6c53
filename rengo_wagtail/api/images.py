"""Images as a front end renders them: absolute rendition URLs, their sizes and a ``srcset``.

The renditions are ``RENGO_WAGTAIL_API_RENDITIONS``: ``"logo"`` for
organizations' logos, ``"body"`` for images in their body, each a mapping of
name to Wagtail filter spec. Images come inside the pages that show them, so a
front end needs no images endpoint.
"""

from ..conf import get_setting
from .json_schema import URL


def renditions(kind):
    """``{name: filter spec}`` of the renditions of ``kind`` (``"logo"`` or ``"body"``)."""
    return get_setting("API_RENDITIONS")[kind]


def image_data(image, kind, request, alt=None):
    """``image`` as the API writes it: id, alt text, size, each rendition and a ``srcset``.

    ``alt``: the alt text where the page that shows the image gives one (a logo's, in the
    page's language); else the image's own description or title."""
    specs = renditions(kind)
    made = image.get_renditions(*specs.values())
    sizes = {
        name: {
            "url": request.build_absolute_uri(made[spec].url),
            "width": made[spec].width,
            "height": made[spec].height,
        }
        for name, spec in specs.items()
    }
    widths = {}
    for size in sizes.values():
        widths.setdefault(size["width"], size["url"])
    return {
        "id": image.pk,
        "alt": image.default_alt_text if alt is None else alt,
        "width": image.width,
        "height": image.height,
        "renditions": sizes,
        "srcset": ", ".join(f"{url} {width}w" for width, url in sorted(widths.items())),
    }


def image_schema(kind):
    """The JSON Schema of ``image_data`` for ``kind``."""
    rendition = {
        "type": "object",
        "properties": {"url": URL, "width": {"type": "integer"}, "height": {"type": "integer"}},
        "required": ["url", "width", "height"],
        "additionalProperties": False,
    }
    names = list(renditions(kind))
    return {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "alt": {"type": "string"},
            "width": {"type": "integer"},
            "height": {"type": "integer"},
            "renditions": {
                "type": "object",
                "properties": dict.fromkeys(names, rendition),
                "required": names,
                "additionalProperties": False,
            },
            "srcset": {"type": "string"},
        },
        "required": ["id", "alt", "width", "height", "renditions", "srcset"],
        "additionalProperties": False,
    }
