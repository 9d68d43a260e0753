"""Build time: the raw sources made into data/processed (python -m geo.build).

Nothing at run time imports this package; it may use geo.domain and the shared modules.
"""
