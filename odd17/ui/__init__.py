"""The one place where odd17 talks to Streamlit: cached loaders, pickers, citations."""
