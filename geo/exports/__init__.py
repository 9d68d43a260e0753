"""Files a reader takes away: made in a worker process, kept, and served by the app's own
route (/export/<kind>).
"""
