"""What the AppTest suites share: the app's path and its page files, in menu order."""

from pathlib import Path

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 60
PAGE_FILES = [
    "pages/accueil.py",
    "pages/carte.py",
    "pages/ma_region.py",
    "pages/eres.py",
    "pages/carre_magique.py",
    "pages/exemples.py",
    "pages/regards_croises.py",
    "pages/sources.py",
    "pages/atelier.py",
    "pages/debat_participant.py",
    "pages/debat_animateur.py",
]


def open_tables(at):
    """Open every « Voir le tableau » expander of the page and rerun: they are lazy (built only when open)."""
    for expander in at.expander:
        key = expander.proto.id.split("-", 2)[-1]  # "$$ID-<hash>-<user key>"
        if key.startswith("table-"):
            at.session_state[key] = True
    return at.run()


class Visited:
    """A page with lazy tabs seen as a whole: each tab opened in turn with its tables open, its elements gathered."""

    KINDS = ("dataframe", "warning", "caption", "exception", "error", "markdown", "info")

    def __init__(self, at, tabs_key: str, tabs) -> None:
        for kind in self.KINDS:
            setattr(self, kind, [])
        for tab in tabs:
            at.session_state[tabs_key] = tab
            open_tables(at.run())
            for kind in self.KINDS:
                getattr(self, kind).extend(getattr(at, kind))
