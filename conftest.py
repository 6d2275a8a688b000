import os

os.environ.setdefault("THIRDSECTOR_ENV", "test")
