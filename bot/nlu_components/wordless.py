"""The fallback classifier, also for messages without a single word: "?", "...", "!!".

DIET sees no token in them and answers with whatever intent an empty message scores best, with full
confidence ("?" read as "oui": consent given). Such a message is not understood, like a low-confidence one.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class WordlessFallbackClassifier(FallbackClassifier):
    """``FallbackClassifier`` that also falls back when the text holds no letter or digit."""

    def _should_fallback(self, message: Message) -> bool:
        wordless = not any(character.isalnum() for character in message.get(TEXT) or "")
        return wordless or super()._should_fallback(message)
