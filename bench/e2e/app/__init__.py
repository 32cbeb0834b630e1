"""The ASGI application the servers of ``make bench-e2e`` serve, alone in this folder.

The servers import it as the top-level module ``e2e_app`` from this folder, which holds
nothing else that could shadow a module of the server's own environment.
"""
