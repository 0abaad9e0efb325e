"""The docs' Python files configure and generate the site; only the pages hold doctests."""

collect_ignore = ["conf.py", "_generate.py"]
