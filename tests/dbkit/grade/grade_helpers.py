"""Names the grade tests share (conftest.py's fixtures and the tests)."""

NOT_A_REPOSITORY = "notes <img src=x onerror=alert(1)>"
