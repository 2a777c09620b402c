"""People: users, access, passwords, tokens, sessions."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from api.auth import PASSWORD_LENGTH
from domain.people import Role

Units = Annotated[list[Annotated[str, Field(max_length=200)]], Field(max_length=50)]
Codes = Annotated[
    list[Annotated[str, Field(max_length=40)]],
    Field(
        max_length=500,
        description="Codes of the organisations the roles hold in; none: every organisation",
    ),
]


class UserIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(pattern=r"^[a-z][a-z0-9._-]{1,31}$", examples=["somsak"])
    display_name: str = Field("", max_length=200)
    roles: list[Role] = Field(min_length=1, max_length=4)
    units: Units = []
    organisations: Codes = []
    password: str | None = Field(None, min_length=PASSWORD_LENGTH[0], max_length=PASSWORD_LENGTH[1])


class AccessIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    roles: list[Role] = Field(min_length=1, max_length=4)
    units: Units = []
    organisations: Codes | None = Field(
        None, description="Organisation codes the roles hold in; left out: unchanged"
    )


class PasswordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: str = Field(min_length=PASSWORD_LENGTH[0], max_length=PASSWORD_LENGTH[1])


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str = Field("", max_length=200)


class ReasonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=2000)


class SignInIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(max_length=64)
    password: str = Field(max_length=200)


class UserOut(BaseModel):
    username: str
    display_name: str
    roles: list[Role]
    units: list[str]
    disabled: bool
    organisations: list[str] = Field(description="Where the roles hold; none: every one")


class MeOut(BaseModel):
    username: str
    display_name: str
    roles: list[Role]
    unit_keys: list[str]
    actions: list[str]
    organisations: list[str] | None = Field(
        description="Codes of the organisations the roles hold in; null: every one"
    )


class TokenOut(BaseModel):
    token_id: str
    token: str = Field(description="Shown once; only its digest is kept")
    label: str


class SessionOut(BaseModel):
    username: str
    csrf: str = Field(description="Send as X-CSRF-Token with cookie-authenticated writes")


class UserEventOut(BaseModel):
    version: int
    event_type: str
    actor: str
    occurred_on: str
    recorded_at: datetime
    details: dict[str, Any]
