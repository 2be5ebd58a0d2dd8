"""The participant link a join slide shows, and its QR code (made offline with segno).

The link must open on a phone in the room: ODD17_PUBLIC_URL when the operator
set it (a reverse proxy, a public name), else this machine's address on the
local network (a laptop's hotspot in a room with no internet) with the
server's port, never `localhost`, which on a phone is the phone itself.
"""

from __future__ import annotations

import io
import ipaddress
import socket
from collections.abc import Callable, Mapping
from urllib.parse import quote

import segno

PUBLIC_URL_ENV = "ODD17_PUBLIC_URL"
PARTICIPANT_PATH = "participer"
# A documentation address (RFC 5737): connecting a UDP socket to it sends nothing,
# but makes the kernel pick the interface of the default route, whose address we read.
PROBE = ("192.0.2.1", 9)
QR_BORDER = 2  # modules of quiet zone: the slide's white margin adds the rest


def usable(address: str | None) -> bool:
    """An address a phone can reach: an IP that is not loopback nor unspecified, or a host name."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address.lower() not in {"localhost", "localhost.localdomain"}
    return not (ip.is_loopback or ip.is_unspecified or ip.is_link_local)


def default_route_address() -> str | None:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(PROBE)
            return sock.getsockname()[0]
    except OSError:
        return None


def hostname_address() -> str | None:
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return None


def lan_host(
    probes: tuple[Callable[[], str | None], ...] = (default_route_address, hostname_address),
    hostname: Callable[[], str] = socket.gethostname,
) -> str:
    """The first reachable address the probes find, else the machine's name (never localhost)."""
    for probe in probes:
        address = probe()
        if usable(address):
            return str(address)
    return hostname()


def base_url(env: Mapping[str, str], port: int, host: Callable[[], str] = lan_host) -> str:
    """Where phones reach the app: ODD17_PUBLIC_URL (trailing slash dropped), else http://<LAN host>:<port>."""
    public = env.get(PUBLIC_URL_ENV, "").strip()
    if public:
        return public.rstrip("/")
    name = host()
    if ":" in name:  # an IPv6 address goes in brackets in a URL
        name = f"[{name}]"
    return f"http://{name}:{port}"


def participant_url(base: str, code: str) -> str:
    return f"{base}/{PARTICIPANT_PATH}?code={quote(code)}"


def qr_svg(url: str, scale: int = 12) -> str:
    """The QR code of `url` as an SVG document: black on white, medium error correction."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer, kind="svg", scale=scale, border=QR_BORDER, dark="#000", light="#fff", xmldecl=False
    )
    return buffer.getvalue().decode("utf-8")


def qr_png(url: str, scale: int = 16) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=scale, border=QR_BORDER, dark="#000", light="#fff")
    return buffer.getvalue()
