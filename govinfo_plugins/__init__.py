"""govinfo's built-in plugins: readers, the heading segmenter and the layouts.

Each module is one plugin, written against govinfo's public API only, exactly as a
third-party plugin would be.
"""
