"""Translation of practices: status, completeness, the human pass, machine translation.

See docs/translation.md.
"""
