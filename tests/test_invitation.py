"""The participant link of the join slide: public URL, else the LAN address, never localhost."""

import pytest

from odd17.debate import invitation


def returns(value):
    return lambda: value


@pytest.mark.parametrize(
    ("env", "probes", "hostname", "expected"),
    [
        ({"ODD17_PUBLIC_URL": "https://debat.example.org/"}, (), "salle", "https://debat.example.org"),
        ({"ODD17_PUBLIC_URL": "  https://x.fr/odd17  "}, (), "salle", "https://x.fr/odd17"),
        ({"ODD17_PUBLIC_URL": ""}, ("192.168.137.1",), "salle", "http://192.168.137.1:8501"),
        ({}, ("10.42.0.1", "10.0.0.9"), "salle", "http://10.42.0.1:8501"),
        ({}, (None, "192.168.1.20"), "salle", "http://192.168.1.20:8501"),  # no default route: the host name's address
        ({}, (None, "127.0.1.1"), "portable", "http://portable:8501"),  # Debian maps the name to loopback
        ({}, ("127.0.0.1", "0.0.0.0"), "portable.local", "http://portable.local:8501"),
        ({}, ("169.254.3.4",), "portable", "http://portable:8501"),  # link-local: not a network's address
        ({}, ("fd00::5",), "portable", "http://[fd00::5]:8501"),
    ],
)
def test_base_url(env: dict, probes: tuple, hostname: str, expected: str) -> None:
    host = lambda: invitation.lan_host(tuple(returns(p) for p in probes), hostname=returns(hostname))  # noqa: E731
    assert invitation.base_url(env, 8501, host) == expected


@pytest.mark.parametrize("address", ["localhost", "127.0.0.1", "::1", "0.0.0.0", "", None])
def test_loopback_is_never_usable(address) -> None:
    assert not invitation.usable(address)


def test_the_default_route_probe_sends_nothing_and_never_gives_loopback() -> None:
    found = invitation.default_route_address()
    assert found is None or invitation.usable(found)


def test_participant_url() -> None:
    assert invitation.participant_url("http://10.42.0.1:8501", "K7M4QA") == "http://10.42.0.1:8501/participer?code=K7M4QA"


def test_qr_codes_encode_the_link() -> None:
    link = "http://10.42.0.1:8501/participer?code=K7M4QA"
    svg = invitation.qr_svg(link)
    assert svg.startswith("<svg") and "<path" in svg and "participer" not in svg  # drawn, no text to escape
    png = invitation.qr_png(link)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
