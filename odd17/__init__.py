"""odd17: the domain of the ODD 17 IMPACT explorer (pure: no Streamlit here)."""

__version__ = "1.0.0"
