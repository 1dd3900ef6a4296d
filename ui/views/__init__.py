"""Pages of the Streamlit app (run by st.navigation in ui/app.py)."""
