"""Tooling for the migrations exercise: local servers, drift doctor, reviewer, guard rails.

Run ``python -m dbkit`` for the list of commands.
"""
