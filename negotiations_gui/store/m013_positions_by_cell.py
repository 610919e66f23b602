"""Schema m013: positions kept in the order the grid's as-of seek reads them (issue 13).

Reserved: registers no migration yet. Its body registers one with
`schema._migration` when it lands, after the migrations in schema.py.
"""
