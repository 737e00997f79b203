"""The one error the encoder raises: what went wrong in plain French, then the precise cause."""


class EncoderError(RuntimeError):
    """The sentence encoder cannot be built or loaded."""
