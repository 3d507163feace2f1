"""A case as data: its models, reading its records (files and workbook sources), roles and unit kinds, contacts, criteria sets."""
