"""Custom Rasa graph components (importable from the Rasa project folder, ``bot/``)."""
