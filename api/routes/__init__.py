"""One router module per resource; `api.main` assembles them."""
