"""The browser's device identity for the live debate: an opaque random token in a cookie.

A pure ASGI middleware (Starlette's `Middleware(DeviceCookie)` in app.py's
`st.App`): every HTTP response to a request without a well-formed token sets a
new one, HttpOnly and SameSite=Lax, for as long as browsers keep a cookie. The
websocket Streamlit opens next carries it, and the page reads it through
`st.context.cookies`. A forged or malformed token is replaced by a new one, so a
browser can never take another's identity by sending a crafted value, and the
database only ever sees its sha256 (odd17.debate.rules.device_key). No IP, no
user agent: a room shares one NAT.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import CookieError, SimpleCookie
from typing import Any

COOKIE = "odd17_device"
MAX_AGE_S = 400 * 24 * 3600  # Chromium caps a cookie's lifetime at 400 days
# secrets.token_urlsafe(24): 32 URL-safe characters (what rules.new_device_token makes).
TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def valid(token: object) -> bool:
    return isinstance(token, str) and TOKEN.fullmatch(token) is not None


def token_in(cookie_header: str) -> str | None:
    """The device token in a Cookie header, or None when absent or malformed."""
    try:
        jar = SimpleCookie(cookie_header)
    except CookieError:
        return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel is not None and valid(morsel.value) else None


def set_cookie(token: str, secure: bool) -> str:
    """The Set-Cookie value: HttpOnly (no script reads it), Lax (sent when a QR code opens the link)."""
    parts = [f"{COOKIE}={token}", "Path=/", f"Max-Age={MAX_AGE_S}", "HttpOnly", "SameSite=Lax"]
    return "; ".join([*parts, "Secure"] if secure else parts)


def request_cookie(scope: Scope) -> str:
    return "; ".join(value.decode("latin-1") for name, value in scope.get("headers", []) if name.lower() == b"cookie")


def is_https(scope: Scope) -> bool:
    forwarded = dict(scope.get("headers", [])).get(b"x-forwarded-proto", b"").decode("latin-1")
    return scope.get("scheme") == "https" or forwarded.split(",")[0].strip() == "https"


class DeviceCookie:
    """ASGI middleware: gives a browser without a valid token a new one."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], make_token: Callable[[], str] = new_token) -> None:
        self.app = app
        self.make_token = make_token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or token_in(request_cookie(scope)) is not None:
            await self.app(scope, receive, send)
            return
        header = set_cookie(self.make_token(), is_https(scope)).encode("latin-1")

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"set-cookie", header)]
            await send(message)

        await self.app(scope, receive, send_with_cookie)
