"""A synthetic but realistic corpus for scale tests (`manage.py generate_corpus`).

`shape` holds the sizes and constants, `words` the text it is written in, `cast` the
outlets, actors, aliases and claims, `statements` the statements with their quotes and
articles, `writers` the bulk writes and checks, and `generate` the load that runs them.
"""
