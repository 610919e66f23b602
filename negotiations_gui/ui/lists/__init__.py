"""Dockable lists of records: sortable, filterable tables with column choice."""
