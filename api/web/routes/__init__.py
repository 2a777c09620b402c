"""The pages' routers, one module per part of the site; ``api.web.install`` mounts them."""
