"""A parsed HTML page with the questions tests ask of it."""

from urllib.parse import urlsplit

from bs4 import BeautifulSoup


class Html:
    def __init__(self, text):
        self.text = text
        self.soup = BeautifulSoup(text, "html.parser")

    def select(self, css):
        return self.soup.select(css)

    def one(self, css):
        found = self.soup.select(css)
        assert len(found) == 1, f"expected one {css!r}, found {len(found)}"
        return found[0]

    def texts(self, css):
        return [" ".join(el.get_text(" ", strip=True).split()) for el in self.soup.select(css)]

    @property
    def lang(self):
        return self.soup.html.get("lang")

    def hreflangs(self):
        """{hreflang: absolute href} of the <link rel="alternate" hreflang> tags."""
        return {link["hreflang"]: link["href"] for link in self.soup.select('link[rel="alternate"][hreflang]')}

    def third_party_urls(self, own_host="testserver"):
        """URLs that a browser would fetch (src, stylesheet/icon href) from another host."""
        urls = [el.get("src") for el in self.soup.select("[src]")]
        urls += [el.get("href") for el in self.soup.select("link[href]") if el.get("rel") != ["alternate"]]
        return [url for url in urls if urlsplit(url).netloc not in ("", own_host)]
