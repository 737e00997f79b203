"""Running the Rasa assistant: the model cache, the services, the terminal chat client."""
