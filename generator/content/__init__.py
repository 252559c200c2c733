"""Content: files on disk -> checked, typed models (load, validate and their helpers)."""
