"""odd17.debate.errors: every error reads as a French sentence the UI can show as it is."""

from __future__ import annotations

import pytest

from odd17.debate.errors import DebateError, Forbidden, Refused, StoreUnavailable, UnknownDebate


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (UnknownDebate, "Aucun débat ne porte ce code. Vérifiez les six caractères affichés à l'écran."),
        (Forbidden, "Clé d'animation absente ou incorrecte : action refusée, rien n'a été modifié."),
        (Refused, "Réponse refusée."),
        (
            StoreUnavailable,
            "Le débat est momentanément indisponible : la base de données ne répond pas. Réessayez dans un instant ; "
            "les pages de l'étude restent consultables.",
        ),
    ],
)
def test_default_messages(error: type[DebateError], message: str) -> None:
    assert issubclass(error, DebateError)
    assert str(error()) == error().message == message


def test_a_given_message_replaces_the_default() -> None:
    refused = Refused("Réponse trop longue : 280 caractères au plus (vous en avez écrit 300).")
    assert str(refused) == "Réponse trop longue : 280 caractères au plus (vous en avez écrit 300)."
    assert refused.args == (refused.message,)
