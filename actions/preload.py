"""Start loading the engine as soon as the action server starts, so that the first person does not wait.

The action server imports every module of the package (this one included); tests import only what they
use, and install their own engine.
"""

from actions.engine import start_loading

start_loading()
