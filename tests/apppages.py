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
