"""Screenshots of the live debate: join, question and results slides (1920×1080), the phone (390×844).

Usage: python scripts/debate_screenshots.py [--out DIR] [--region CODE]

Starts the app on a free localhost port with a temporary SQLite store (never
the default one), creates a debate, answers it with 23 synthetic phones through
the store, then drives Debian's Chromium offline and saves PNGs into DIR
(default screenshots/debat/, git-ignored). Stops the server at the end.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]

import appserver  # noqa: E402  (shared with the browser tests, found through sys.path above)
from playwright.sync_api import Page, sync_playwright  # noqa: E402

from odd17 import dataset, workshop  # noqa: E402
from odd17.debate.questions import resolve  # noqa: E402
from odd17.debate.store import Store  # noqa: E402

DEFAULT_OUT = ROOT / "screenshots" / "debat"
CHOICE = "q7_accelerateur"
OPEN = "alliance_proche"
# 23 synthetic answers (5 + 9 + 6 + 3), only for the picture: made here, never stored in data/.
ROOM = [5, 9, 6, 3]
PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNGs")
    parser.add_argument("--region", default="52", help="INSEE code of the debate's region")
    return parser.parse_args(argv)


def shoot(page: Page, url: str, path: Path) -> None:
    page.goto(url)
    appserver.wait_for_app(page)
    page.wait_for_timeout(1000)  # the chart's first draw
    page.screenshot(path=str(path))
    print(path)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    ds = dataset.load()
    with tempfile.TemporaryDirectory() as folder:
        database = f"sqlite:///{folder}/debat.sqlite"
        store = Store(database)
        made, secret = store.create(args.region, "Atelier ODD 17", resolve(ds, args.region, [CHOICE, OPEN]))
        options = store.tally(made.code, CHOICE).counts
        answers = [option for option, count in zip(options, ROOM, strict=True) for _ in range(count)]
        for index, option in enumerate(answers):
            store.answer(made.code, CHOICE, f"{index:032d}", choice=option)
        first_debate_slide = len(workshop.slides(ds, args.region)) + 1  # join slide first, then the story less its sources
        deck = f"/mode-atelier?atelier=1&region={args.region}&debat={made.code}&cle={secret}&diapo="
        with (
            appserver.running_app(Path(folder) / "streamlit.log", env={"ODD17_DATABASE_URL": database}) as server,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(**appserver.launch_args())
            projector = browser.new_context(viewport=PROJECTOR, locale="fr-FR").new_page()
            shoot(projector, server.url + "/", args.out / "accueil.png")  # the first visit routes the legacy way
            shoot(projector, server.url + deck + "1", args.out / "diapo-rejoindre.png")
            shoot(projector, server.url + deck + str(first_debate_slide), args.out / "diapo-etude.png")
            shoot(projector, server.url + deck + str(first_debate_slide + 1), args.out / "diapo-question.png")
            shoot(projector, server.url + deck + str(first_debate_slide + 2), args.out / "diapo-resultats.png")
            shoot(projector, f"{server.url}/animer?code={made.code}&cle={secret}", args.out / "animer.png")
            store.open_question(made.code, secret, CHOICE)
            phone = browser.new_context(viewport=PHONE, locale="fr-FR").new_page()
            shoot(phone, f"{server.url}/participer?code={made.code}", args.out / "telephone-question.png")
            phone.get_by_role("button", name="Plutôt d'accord").click()
            appserver.wait_for_app(phone)
            phone.screenshot(path=str(args.out / "telephone-vote.png"))
            shoot(phone, f"{server.url}/participer", args.out / "telephone-code.png")
            browser.close()


if __name__ == "__main__":
    main()
