"""The review site: a static, self-contained website over a curated folder for data stewards.

It reads curated files only (never the extractor): `load` reads them, `snippets`, `links`, `grid` and
`chart` derive what the pages show (pure), `crops` draws page images from the raw PDFs, `pages` puts each
page's content together, `render` fills the Jinja2 templates and `site` writes the whole site atomically.
"""

from extract.review.config import ReviewSettings
from extract.review.load import ReviewError
from extract.review.site import write_site

__all__ = ["ReviewError", "ReviewSettings", "write_site"]
