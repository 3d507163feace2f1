"""The forms family: fillable forms per unit (``stage``), what each asks (``spec``), their proof (``key``), the send list."""
