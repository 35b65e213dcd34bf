"""``denkspur`` on the command line: one module per command group, on the same session layer as the app.

``entry`` parses the arguments and hands each command group its own module
(``chat``, ``models``, ``corpus``, ``trace``), imported only when used.
"""
