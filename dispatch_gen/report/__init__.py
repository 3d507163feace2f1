"""The meeting report (BÁO CÁO) and the reminder: ``stage`` (read the store, write the .docx),
``data`` (pure numbers), ``wording`` (the report's sentences and blocks), ``reminder_wording``."""
