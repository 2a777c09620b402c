"""A report as a self-contained HTML document: what the API and the CLI hand over.

The same templates as the pages draw the table, so the page, the document and (later)
the PDF made from the document agree cell for cell; the document carries its own A4
print styles and links nothing, so it opens on a town-hall machine with no network.
"""

from __future__ import annotations

from typing import Any, Literal

from api.web import i18n
from api.web.render import environment
from projections.imprint import Imprint

Orientation = Literal["portrait", "landscape"]


def document(
    body: str,
    imprint: Imprint,
    *,
    form: str,
    title: str,
    subtitle: str,
    lang: str = "th",
    orientation: Orientation = "portrait",
    **context: Any,
) -> str:
    """The template ``body`` inside a printable document headed by the form's name."""

    def t(key: str, **values: object) -> str:
        return i18n.text(key, lang, **values)

    template = environment().get_template("reports/document.html")
    return template.render(
        body=body, imprint=imprint, lang=lang, t=t, form=t(form) if form else "", title=t(title),
        subtitle=subtitle, orientation=orientation, **context,
    )  # fmt: skip
