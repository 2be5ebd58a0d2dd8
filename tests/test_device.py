"""The device cookie: read back only when well formed; set on responses to browsers without one."""

import aio
import pytest

from odd17.debate import device

GOOD = "A" * 31 + "-"
FRESH = "n" * 32


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (f"odd17_device={GOOD}", GOOD),
        (f"other=1; odd17_device={GOOD}; x=y", GOOD),
        ("", None),
        ("odd17_device=short", None),
        ("odd17_device=" + "A" * 33, None),
        ("odd17_device=" + "A" * 31 + "!", None),  # not URL-safe base64: forged
        ('odd17_device="' + "A" * 30 + '"', None),
        ("odd17_devicex=" + GOOD, None),
        ("garbage;;==", None),
    ],
)
def test_token_in_cookie_header(header: str, expected: str | None) -> None:
    assert device.token_in(header) == expected


@pytest.mark.parametrize(
    ("secure", "expected"),
    [
        (False, f"odd17_device={FRESH}; Path=/; Max-Age=34560000; HttpOnly; SameSite=Lax"),
        (True, f"odd17_device={FRESH}; Path=/; Max-Age=34560000; HttpOnly; SameSite=Lax; Secure"),
    ],
)
def test_set_cookie(secure: bool, expected: str) -> None:
    assert device.set_cookie(FRESH, secure) == expected


def test_new_tokens_are_valid_and_distinct() -> None:
    tokens = {device.new_token() for _ in range(100)}
    assert len(tokens) == 100 and all(device.valid(t) for t in tokens)


def served(scope: dict) -> list[dict]:
    """The messages a request's response sends through the middleware."""
    sent: list[dict] = []

    async def inner(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
        await send({"type": "http.response.body", "body": b"ok"})

    async def receive() -> dict:
        return {"type": "http.request"}

    async def send(message: dict) -> None:
        sent.append(message)

    aio.run(device.DeviceCookie(inner, make_token=lambda: FRESH)(scope, receive, send))
    return sent


def set_cookies(messages: list[dict]) -> list[bytes]:
    return [value for name, value in messages[0]["headers"] if name == b"set-cookie"]


@pytest.mark.parametrize(
    ("headers", "scheme", "expected"),
    [
        ([], "http", [f"odd17_device={FRESH}; Path=/; Max-Age=34560000; HttpOnly; SameSite=Lax".encode()]),
        ([(b"cookie", f"odd17_device={GOOD}".encode())], "http", []),
        (
            [(b"cookie", b"odd17_device=stolen-looking-but-short")],
            "http",
            [f"odd17_device={FRESH}; Path=/; Max-Age=34560000; HttpOnly; SameSite=Lax".encode()],
        ),
        ([], "https", [f"odd17_device={FRESH}; Path=/; Max-Age=34560000; HttpOnly; SameSite=Lax; Secure".encode()]),
        (
            [(b"x-forwarded-proto", b"https")],
            "http",
            [f"odd17_device={FRESH}; Path=/; Max-Age=34560000; HttpOnly; SameSite=Lax; Secure".encode()],
        ),
    ],
)
def test_middleware_sets_a_new_token_only_when_needed(headers: list, scheme: str, expected: list[bytes]) -> None:
    messages = served({"type": "http", "headers": headers, "scheme": scheme, "path": "/participer"})
    assert set_cookies(messages) == expected
    assert messages[1]["body"] == b"ok"


def test_middleware_leaves_websockets_alone() -> None:
    seen: list[str] = []

    async def inner(scope, receive, send) -> None:
        seen.append(scope["type"])

    aio.run(device.DeviceCookie(inner)({"type": "websocket", "headers": []}, None, None))
    assert seen == ["websocket"]
