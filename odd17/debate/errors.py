"""The debate's errors: each one's str() is a French sentence the UI can show as it is."""

from __future__ import annotations


class DebateError(Exception):
    """Base of the debate's errors; `message` is meant for the user."""

    default = "Le débat a rencontré un problème."

    def __init__(self, message: str | None = None):
        self.message = message or self.default
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class UnknownDebate(DebateError):
    default = "Aucun débat ne porte ce code. Vérifiez les six caractères affichés à l'écran."


class Forbidden(DebateError):
    default = "Clé d'animation absente ou incorrecte : action refusée, rien n'a été modifié."


class Refused(DebateError):
    default = "Réponse refusée."


class StoreUnavailable(DebateError):
    default = (
        "Le débat est momentanément indisponible : la base de données ne répond pas. "
        "Réessayez dans un instant ; les pages de l'étude restent consultables."
    )
