"""The data and what it means: loading it, the rollout, the rings and the ring model, ICE's
own counts, and a reader's list.
"""
