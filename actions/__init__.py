"""Custom actions of the Rasa assistant (rasa-sdk): interview forms, results, privacy and handoff.

Served by ``python -m rasa_sdk --actions actions``; every module here that defines actions is imported by
the action server.
"""
