"""The console's auth token file, handled as the emulator does: created on first use with a
random token readable only by the user; an empty file means no authentication."""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path


def default_token_path() -> Path:
    return Path.home() / ".emulator_console_auth_token"


def generate_token() -> str:
    # 96 random bits, base64: 16 characters, like the emulator's tokenGenerate().
    return base64.b64encode(secrets.token_bytes(12)).decode("ascii")


def load_or_create_token(path: Path) -> str:
    """The token in `path` (trimmed), creating the file with a fresh token if it is missing.
    Raises OSError when the file can be neither created nor read (the emulator then refuses
    every console connection)."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return path.read_bytes().decode("utf-8", "replace").strip()
    token = generate_token()
    with os.fdopen(fd, "w") as f:
        f.write(token)
    return token
