"""Open Office (OOXML) files safely: bounded zip reading and an XML parser that refuses DTDs.

A .docx or .xlsx is a zip of XML parts. A hostile one can be a zip bomb (a few kilobytes that
inflate to gigabytes), carry millions of entries, or hold XML with entity tricks ("billion
laughs") or external entities. Every limit here is checked against the zip directory BEFORE
anything is decompressed, and every read is bounded again while decompressing, because the
sizes in a zip directory are whatever the attacker wrote. XML is parsed with `defusedxml`
with DTDs forbidden outright: no legitimate OOXML part has a DOCTYPE.

Password-protected Office files are not zips at all but OLE compound files with an
"EncryptedPackage" stream; they are recognised and refused with a one-line reason.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO
from xml.etree.ElementTree import Element, ParseError

from reviewer.core.errors import InputError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class ZipLimits:
    """What a reviewable Office file may hold. Generous for real drafts, fatal for bombs."""

    max_entries: int = 5000
    max_total: int = 256 * 1024 * 1024  # sum of uncompressed sizes
    max_entry: int = 64 * 1024 * 1024  # one part, uncompressed
    max_ratio: int = 200  # uncompressed / compressed, for parts over 1 MB


LIMITS = ZipLimits()


class SafeZip:
    """A zip whose directory passed the limits; parts are read with a bounded read."""

    def __init__(self, data: bytes, name: str, limits: ZipLimits = LIMITS) -> None:
        self.name = name
        self.limits = limits
        if data.startswith(OLE_MAGIC):
            raise InputError(
                f"{name}: the file is password-protected (encrypted) or in the old binary Office format: "
                "remove the password or save it again as .docx/.xlsx"
            )
        if not data.startswith(b"PK"):
            raise InputError(f"{name}: not a valid Office file (it is not a zip package)")
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise InputError(f"{name}: the file is damaged or not a real Office file ({_short(exc)})") from None
        if len(infos) > limits.max_entries:
            raise InputError(f"{name}: refused: the package has {len(infos)} parts (limit {limits.max_entries}); it may be a zip bomb")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise InputError(f"{name}: the file is password-protected (encrypted parts): remove the password first")
            total += info.file_size
            if info.file_size > limits.max_entry:
                raise InputError(
                    f"{name}: refused: part {info.filename} would inflate to {info.file_size // 1_048_576} MB "
                    f"(limit {limits.max_entry // 1_048_576} MB); it may be a zip bomb"
                )
            if info.file_size > 1_048_576 and info.file_size > limits.max_ratio * max(1, info.compress_size):
                raise InputError(
                    f"{name}: refused: part {info.filename} is compressed {info.file_size // max(1, info.compress_size)}:1 "
                    f"(limit {limits.max_ratio}:1); it looks like a zip bomb"
                )
        if total > limits.max_total:
            raise InputError(
                f"{name}: refused: the package would inflate to {total // 1_048_576} MB "
                f"(limit {limits.max_total // 1_048_576} MB); it may be a zip bomb"
            )
        self._infos = {i.filename: i for i in infos}
        self._read_total = 0

    def names(self) -> list[str]:
        return list(self._infos)

    def has(self, part: str) -> bool:
        return part in self._infos

    def read(self, part: str) -> bytes:
        """The bytes of one part, never more than its declared size (or the limits)."""
        info = self._infos.get(part)
        if info is None:
            raise InputError(f"{self.name}: the file is damaged (part {part} is missing)")
        cap = min(info.file_size, self.limits.max_entry)
        try:
            with self._zip.open(info) as fh:
                data = fh.read(cap + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise InputError(f"{self.name}: the file is damaged (part {part}: {_short(exc)})") from None
        except Exception as exc:  # zlib.error and friends from a corrupt stream
            raise InputError(f"{self.name}: the file is damaged (part {part}: {_short(exc)})") from None
        if len(data) > cap:
            raise InputError(f"{self.name}: refused: part {part} inflates past its declared size; it may be a zip bomb")
        self._read_total += len(data)
        if self._read_total > self.limits.max_total:
            raise InputError(f"{self.name}: refused: the package inflates past {self.limits.max_total // 1_048_576} MB")
        return data

    def xml(self, part: str) -> Element:
        """Parse one XML part safely (no DTDs, no entities, no external references)."""
        return parse_xml(self.read(part), f"{self.name} ({part})")

    def open_stream(self, part: str) -> IO[bytes]:
        """A bounded stream over a part, for iterparse on large sheets."""
        return io.BytesIO(self.read(part))


def parse_xml(data: bytes, where: str) -> Element:
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    try:
        root: Element = DET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(f"{where}: refused: the XML declares a DTD or entities ({type(exc).__name__}); it may be an XML entity attack") from None
    except (ParseError, ValueError, UnicodeError, LookupError) as exc:  # LookupError: an unknown encoding in the XML declaration
        raise InputError(f"{where}: the file is damaged (bad XML: {_short(exc)})") from None
    return root


def iter_xml(stream: IO[bytes], where: str, tags: tuple[str, ...]) -> Iterator[Element]:
    """Stream the elements with the given end tags, clearing them as it goes (bounded memory)."""
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    try:
        for _event, elem in DET.iterparse(stream, events=("end",), forbid_dtd=True, forbid_entities=True, forbid_external=True):
            if elem.tag in tags:
                yield elem
    except DefusedXmlException as exc:
        raise InputError(f"{where}: refused: the XML declares a DTD or entities ({type(exc).__name__}); it may be an XML entity attack") from None
    except (ParseError, ValueError, UnicodeError, LookupError) as exc:  # LookupError: an unknown encoding in the XML declaration
        raise InputError(f"{where}: the file is damaged (bad XML: {_short(exc)})") from None


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


def rels(z: SafeZip, part: str) -> dict[str, tuple[str, str, str]]:
    """Relationships of `part`: id -> (type suffix, resolved target path, target mode)."""
    folder, _, base = part.rpartition("/")
    rel_part = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
    if not z.has(rel_part):
        return {}
    out: dict[str, tuple[str, str, str]] = {}
    for r in z.xml(rel_part):
        rid, target, rtype = r.get("Id", ""), r.get("Target", ""), r.get("Type", "")
        mode = r.get("TargetMode", "Internal")
        out[rid] = (rtype.rsplit("/", 1)[-1], target if mode == "External" else resolve(folder, target), mode)
    return out


def resolve(folder: str, target: str) -> str:
    """Resolve a relationship target against the folder of the part that owns it."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts = [p for p in folder.split("/") if p]
    for seg in target.split("/"):
        if seg == "..":
            if parts:
                parts.pop()
        elif seg and seg != ".":
            parts.append(seg)
    return "/".join(parts)
