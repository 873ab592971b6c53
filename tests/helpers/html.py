"""Reading rendered pages, public and admin, as a browser would: parsed HTML, not substrings."""

from bs4 import BeautifulSoup

# Reports > Translation status in the Wagtail admin.
REPORT = "/admin/rengo/translations/"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def head_links(document):
    """``(canonical, {hreflang: href}, og_locale, [og_locale_alternates])`` of a page."""
    canonical = document.find("link", rel="canonical")
    alternates = {
        link["hreflang"]: link["href"]
        for link in document.find_all("link", rel="alternate")
        if link.has_attr("hreflang")
    }
    og = document.find("meta", property="og:locale")
    og_alternates = [
        m["content"] for m in document.find_all("meta", property="og:locale:alternate")
    ]
    return (
        canonical["href"] if canonical else None,
        alternates,
        og["content"] if og else None,
        og_alternates,
    )


def switcher(document):
    """``{language name: href or None}`` of the language switcher in the content."""
    nav = document.select_one(".rengo .rengo-language-switcher")
    entries = {}
    for item in nav.find_all("li"):
        link = item.find("a")
        entries[item.get_text(strip=True)] = link["href"] if link else None
    return entries


def breadcrumb(document):
    """``[(text, href or None)]`` of the breadcrumb trail."""
    nav = document.select_one(".rengo-breadcrumb")
    return [
        (item.get_text(strip=True), item.a["href"] if item.a else None)
        for item in nav.find_all("li")
    ]


def cells(response):
    """``{page title: {state, links}}`` for the report's Japanese column."""
    document = BeautifulSoup(response.content, "html.parser")
    rows = {}
    for row in document.select("table.rengo-translation-report tbody tr"):
        cell = row.select_one("td[data-rengo-state]")
        rows[row.select_one("td.title a").get_text(strip=True)] = {
            "state": cell["data-rengo-state"],
            "links": {a.get_text(strip=True): a["href"] for a in cell.select("a")},
            "forms": [form["action"] for form in cell.select("form")],
        }
    return rows
