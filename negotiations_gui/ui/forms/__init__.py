"""Entry forms: one dialog per kind of record, validated field by field."""
