"""Participer au débat (phones): the open question, one large button per answer."""

from odd17.ui import data, debate, debate_phone

ds = data.dataset()
debate_phone.phone_style()
debate.guarded(lambda: debate_phone.participant(ds))
