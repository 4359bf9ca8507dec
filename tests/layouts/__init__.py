"""The layout matrix: the same Repertoire text printed to PDF by several producers in many layouts.

`spec` turns a text source into a neutral `DocumentSpec` (what is printed);
`matrix` names the layouts (how it is printed); each producer module
(`odt`, `latex`, `html`) turns a spec and a layout into a PDF; `cache` makes
each PDF once, keyed by the hash of everything that goes into it.
"""
