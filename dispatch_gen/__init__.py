"""dispatch_gen: official Vietnamese dispatches (ND30), fillable forms, collection and reports.

Pipeline: records → render → forms → collect → report → pdf. Each stage is a module with one public
verb; the CLI (``cli``) is a thin layer over them.
"""

__version__ = "0.1.0"
