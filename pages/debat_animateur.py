"""Animer un débat: create one, or (with its key) the remote that drives it: questions, count, results."""

from odd17.ui import data, debate, debate_facilitator

ds = data.dataset()
debate.presenter_style()
debate.guarded(lambda: debate_facilitator.facilitator(ds))
