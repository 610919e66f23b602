"""Schema m014: events, their revisions and list keys in fewer bytes (issue 13).

Reserved: registers no migration yet. Its body registers one with
`schema._migration` when it lands, after the migrations in schema.py.
"""
