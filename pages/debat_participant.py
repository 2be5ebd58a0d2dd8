"""Participer au débat (phones): the open question, one large button per answer; never polls."""

from odd17.ui import data, debate

ds = data.dataset()
debate.phone_style()
debate.guarded(lambda: debate.participant(ds))
