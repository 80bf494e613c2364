"""The device's filesystem: an in-memory tree with the usual Android paths.

Paths are absolute and POSIX. Errors are raised as `FsError` carrying the errno name and the
message toybox would print, so the shell and the sync service report them the way Android does.
"""

from __future__ import annotations

import posixpath
import stat as statmod
import threading
import time
from dataclasses import dataclass, field

DIR_MODE = statmod.S_IFDIR | 0o771
FILE_MODE = statmod.S_IFREG | 0o644


class FsError(Exception):
    def __init__(self, errno_name: str, path: str) -> None:
        self.errno_name = errno_name
        self.path = path
        super().__init__(f"{path}: {MESSAGES[errno_name]}")

    @property
    def strerror(self) -> str:
        return MESSAGES[self.errno_name]

    @property
    def errno(self) -> int:
        return ERRNO[self.errno_name]


MESSAGES = {
    "ENOENT": "No such file or directory",
    "ENOTDIR": "Not a directory",
    "EISDIR": "Is a directory",
    "EEXIST": "File exists",
    "ENOTEMPTY": "Directory not empty",
    "EACCES": "Permission denied",
}
ERRNO = {"ENOENT": 2, "ENOTDIR": 20, "EISDIR": 21, "EEXIST": 17, "ENOTEMPTY": 39, "EACCES": 13}


@dataclass
class Inode:
    mode: int
    mtime: float = field(default_factory=time.time)
    data: bytearray = field(default_factory=bytearray)
    children: dict[str, Inode] | None = None
    ino: int = 0

    @property
    def is_dir(self) -> bool:
        return statmod.S_ISDIR(self.mode)

    @property
    def size(self) -> int:
        return 4096 if self.is_dir else len(self.data)


@dataclass(frozen=True)
class Stat:
    mode: int
    size: int
    mtime: float
    ino: int
    nlink: int

    @property
    def is_dir(self) -> bool:
        return statmod.S_ISDIR(self.mode)


STANDARD_DIRS = (
    "/sdcard", "/storage/emulated/0", "/data/local/tmp", "/data/app", "/data/data",
    "/system/bin", "/system/app", "/proc", "/dev", "/vendor", "/cache", "/mnt",
)


class FileSystem:
    """Thread-safe: the render thread may write screenshots while services read."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._next_ino = 1
        self.root = self._new(DIR_MODE)
        for d in STANDARD_DIRS:
            self.mkdir(d, parents=True)

    def _new(self, mode: int) -> Inode:
        node = Inode(mode=mode, ino=self._next_ino, children={} if statmod.S_ISDIR(mode) else None)
        self._next_ino += 1
        return node

    @staticmethod
    def normalize(path: str, cwd: str = "/") -> str:
        return posixpath.normpath(posixpath.join(cwd, path)).replace("//", "/")

    def _lookup(self, path: str) -> Inode:
        node = self.root
        for part in [p for p in self.normalize(path).split("/") if p]:
            if not node.is_dir:
                raise FsError("ENOTDIR", path)
            assert node.children is not None
            if part not in node.children:
                raise FsError("ENOENT", path)
            node = node.children[part]
        return node

    def _parent(self, path: str) -> tuple[Inode, str]:
        path = self.normalize(path)
        parent_path, name = posixpath.split(path)
        parent = self._lookup(parent_path)
        if not parent.is_dir:
            raise FsError("ENOTDIR", path)
        return parent, name

    def exists(self, path: str) -> bool:
        try:
            self.stat(path)
            return True
        except FsError:
            return False

    def stat(self, path: str) -> Stat:
        with self._lock:
            n = self._lookup(path)
            nlink = 2 + sum(1 for c in (n.children or {}).values() if c.is_dir) if n.is_dir else 1
            return Stat(mode=n.mode, size=n.size, mtime=n.mtime, ino=n.ino, nlink=nlink)

    def listdir(self, path: str) -> list[str]:
        with self._lock:
            n = self._lookup(path)
            if not n.is_dir:
                raise FsError("ENOTDIR", path)
            return sorted(n.children or {})

    def read(self, path: str) -> bytes:
        with self._lock:
            n = self._lookup(path)
            if n.is_dir:
                raise FsError("EISDIR", path)
            return bytes(n.data)

    def write(self, path: str, data: bytes, *, append: bool = False, mode: int = 0o644,
              mtime: float | None = None, parents: bool = False) -> None:
        with self._lock:
            if parents:
                self.mkdir(posixpath.dirname(self.normalize(path)), parents=True)
            parent, name = self._parent(path)
            assert parent.children is not None
            node = parent.children.get(name)
            if node is None:
                node = self._new(statmod.S_IFREG | (mode & 0o7777))
                parent.children[name] = node
            elif node.is_dir:
                raise FsError("EISDIR", path)
            if append:
                node.data += data
            else:
                node.data = bytearray(data)
            node.mtime = time.time() if mtime is None else mtime

    def mkdir(self, path: str, *, parents: bool = False) -> None:
        with self._lock:
            path = self.normalize(path)
            if path == "/":
                if parents:
                    return
                raise FsError("EEXIST", path)
            if parents:
                parent_path = posixpath.dirname(path)
                if not self.exists(parent_path):
                    self.mkdir(parent_path, parents=True)
            parent, name = self._parent(path)
            assert parent.children is not None
            existing = parent.children.get(name)
            if existing is not None:
                if parents and existing.is_dir:
                    return
                raise FsError("EEXIST", path)
            parent.children[name] = self._new(DIR_MODE)

    def remove(self, path: str, *, recursive: bool = False) -> None:
        with self._lock:
            parent, name = self._parent(path)
            assert parent.children is not None
            node = parent.children.get(name)
            if node is None:
                raise FsError("ENOENT", path)
            if node.is_dir and not recursive:
                raise FsError("EISDIR", path)
            del parent.children[name]

    def rmdir(self, path: str) -> None:
        with self._lock:
            parent, name = self._parent(path)
            assert parent.children is not None
            node = parent.children.get(name)
            if node is None:
                raise FsError("ENOENT", path)
            if not node.is_dir:
                raise FsError("ENOTDIR", path)
            if node.children:
                raise FsError("ENOTEMPTY", path)
            del parent.children[name]
