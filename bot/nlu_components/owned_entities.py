"""DIET that learns only the entities it owns, so that no entity is extracted twice.

Entities matched by lookup tables and regexes (places, sectors, contracts, constraints) must be annotated
in the examples for the RegexEntityExtractor to use their patterns, but plain DIET would then learn them
too and extract them a second time, sometimes with other boundaries.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.nlu.constants import ENTITIES, ENTITY_ATTRIBUTE_TYPE
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=True,
)
class OwnedEntitiesDIETClassifier(DIETClassifier):
    """``DIETClassifier`` trained on the entity types listed in ``entities`` only."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**DIETClassifier.get_default_config(), "entities": []}

    def train(self, training_data: TrainingData) -> Resource:
        owned = set(self.component_config["entities"])
        examples: list[Message] = []
        for message in training_data.training_examples:
            kept = [e for e in message.get(ENTITIES, []) if e[ENTITY_ATTRIBUTE_TYPE] in owned]
            examples.append(
                Message(
                    data={**message.data, ENTITIES: kept},
                    output_properties=message.output_properties,
                    time=message.time,
                    features=message.features,
                )
            )
        return super().train(
            TrainingData(
                examples,
                entity_synonyms=training_data.entity_synonyms,
                regex_features=training_data.regex_features,
                lookup_tables=training_data.lookup_tables,
                responses=training_data.responses,
            )
        )
