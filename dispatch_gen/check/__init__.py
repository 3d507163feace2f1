"""ND30 conformance check of any .docx: ``stage`` (the command), ``locate`` (finding the elements and
the document's kind), ``rules`` (one function per §17 rule), ``findings`` (what a finding says)."""
