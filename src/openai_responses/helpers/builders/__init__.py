"""Build SDK objects from requests or partials: ``builders.chat.chat_completion_from_create_request``."""
