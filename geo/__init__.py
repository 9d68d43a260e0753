"""Secure Communities dashboard: data and map logic, free of Streamlit."""
