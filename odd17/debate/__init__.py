"""The live debate: the room answers the study's questions, beside the study's figures.

Pure package (no Streamlit): rules, the question list read from the dataset, the
store (SQLAlchemy Core on SQLite or PostgreSQL) and the exports.
"""
