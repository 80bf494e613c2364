"""Per-test evidence folders: files with a SHA-256 manifest kept as they are written, a timeline,
and `verify` to check a folder later."""

from ..sink import EvidenceSink
from .bundle import EvidenceBundle, EvidenceError, to_json
from .manifest import EVENTS, JOURNAL, SEALED
from .verify import NotEvidence, VerifyReport, verify

__all__ = ["EVENTS", "JOURNAL", "SEALED", "EvidenceBundle", "EvidenceError", "EvidenceSink", "NotEvidence",
           "VerifyReport", "to_json", "verify"]
