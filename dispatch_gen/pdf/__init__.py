"""PDF output: ``convert`` (LibreOffice, the only subprocess) and ``assemble`` (pypdf: merge,
bookmarks, metadata, signature fields)."""
