"""Passerelles guidance engine: referential, importers, encoder, indexes, bridges, offers, trainings."""
