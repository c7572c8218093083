"""The one incremental seam: every cache and memo of the pipeline, content-keyed, wrapping the stages' pure functions."""
