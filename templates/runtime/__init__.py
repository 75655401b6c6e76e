"""The runtime copied verbatim into every generated package."""
