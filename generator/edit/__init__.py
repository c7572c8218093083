"""Editing in pull requests: scaffold new files, format frontmatter, describe changes between revisions."""
