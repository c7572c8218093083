"""Publish: write the finished site atomically, and check what was written."""
