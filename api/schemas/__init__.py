"""Request and response bodies of the HTTP API, one module per resource.

Inputs and outputs are separate models; inputs forbid unknown fields so a typo
is a 422 naming the field, not a silently ignored value.
"""
