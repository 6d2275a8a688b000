"""One factory per partnerships model; the defaults make a valid record. Each capability adds its own below."""
