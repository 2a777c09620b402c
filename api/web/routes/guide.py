"""The help page: what each status means, how to record, how corrections work.

Open to anyone, signed in or not (it holds no data of the office), so the sign-in
form can link to it too. Every form links to the topic it needs (``/help#record``).
"""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.web import help_texts
from api.web.context import PageDep
from api.web.render import PageRoute, render
from domain.words import RULES, STATUSES

router = APIRouter(route_class=PageRoute, include_in_schema=False)


@router.get("/help", name="help_page")
def help_page(page: PageDep) -> Response:
    return render(
        page, "help.html", topics=help_texts.TOPICS, statuses=STATUSES, rules=RULES,
        status_meaning=help_texts.STATUS_MEANING, rule_meaning=help_texts.RULE_MEANING,
    )  # fmt: skip
