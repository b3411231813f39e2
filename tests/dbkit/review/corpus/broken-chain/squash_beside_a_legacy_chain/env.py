import os

target_metadata = None


def legacy_locations(versions_path):
    """The project upgrades an old database through the legacy chain first (a second
    config, made in code, lists versions/legacy beside versions)."""
    return f"{versions_path} {os.path.join(versions_path, 'legacy')}"
