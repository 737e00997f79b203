"""The one failure type of the runtime: a French message for people, a precise detail for operators."""

from __future__ import annotations


class AssistantError(RuntimeError):
    def __init__(self, message: str, detail: str) -> None:
        super().__init__(message)
        self.detail = detail
        self.add_note(detail)  # tracebacks (pytest's too) show the detail under the message
