"""Request and answer shapes of the API (pydantic); table models never leave the routers."""
