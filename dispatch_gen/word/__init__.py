"""All WordprocessingML knowledge (our ``oxml``): only this package imports docx, docxtpl or lxml."""
