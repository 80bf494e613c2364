"""Evaluation of the screen analysis on labelled synthetic screenshots (`python -m eval.vision`)."""
