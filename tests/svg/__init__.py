"""Tests of the build-time SVG graphics."""
