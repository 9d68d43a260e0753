"""The page's sections: each draws one part of the page from the selection and the data.

Streamlit glue only: what they show is worked out in geo/, where tests reach it."""
