"""rengo-wagtail: RENGO's "Related Organizations" section for Wagtail, in English and Japanese."""

__version__ = "0.1.0"
