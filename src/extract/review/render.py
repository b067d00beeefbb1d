"""The Jinja2 templates of the site (autoescaped: a dataset's text is always text, never markup)."""

from __future__ import annotations

from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined

from extract.review.pages import Page

STATIC = "static"  # templates/static/* are copied to the site's assets/ as they are


def _number(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}"


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("extract.review", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["number"] = _number
    return env


def render(env: Environment, page: Page) -> str:
    return env.get_template(page.template).render(**page.context)


def static_files() -> dict[str, bytes]:
    folder = resources.files("extract.review").joinpath("templates", STATIC)
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.is_file()}
