"""test262: the runner (runner.py), what the engine claims (claims.py) and the CI sample test."""
