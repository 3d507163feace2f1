"""Collection of filled forms: ``receive`` (reading one untrusted file) and ``stage`` (batches,
archive, store, outcomes)."""
