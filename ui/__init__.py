"""Streamlit interface of ailaw: search, documents, sources. It reads; it never writes."""
