"""``rasa`` as its command line runs it, except that answers of the action server are checked faster.

Rasa 3.6 checks every answer of the action server with ``jsonschema.validate``, which first checks Rasa's
own (constant) schema against the JSON Schema meta-schema: about 35 ms of CPU per action call, 2 to 4
calls per turn. Here the schema is checked once and its validator kept. A valid answer passes the same
test; an invalid one goes through Rasa's own check, which raises Rasa's own error.

Run with Rasa's interpreter: ``.venv-rasa/bin/python serve.py run --model …`` (same arguments as ``rasa``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import validators
from jsonschema.protocols import Validator
from rasa.__main__ import main
from rasa.core.actions.action import RemoteAction

rasa_check = RemoteAction._validate_action_result


@cache
def action_result_validator() -> Validator:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(action: RemoteAction, result: dict[str, Any]) -> bool:
    return action_result_validator().is_valid(result) or rasa_check(action, result)


RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]

if __name__ == "__main__":
    main()
