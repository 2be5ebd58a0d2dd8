"""Animer un débat: create one, or (with its secret) its join slide, controls, live count and results."""

from odd17.ui import data, debate

ds = data.dataset()
debate.presenter_style()
debate.guarded(lambda: debate.facilitator(ds))
