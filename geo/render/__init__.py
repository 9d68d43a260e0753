"""Views drawn: Leaflet on the page, pictures, animations, charts and the interactive page."""
