"""The office archive as a file: one zip, sealed under an archive key the operator keeps apart.

    manifest.json        in clear: format, version, archive id, when, the migration revision, the office handed
                         over (id and name), rows per table, each member's size and sha256, a key check and a MAC
                         of the manifest under the archive key
    files/N.sealed       each evidence file, sealed
    data.sealed          the rows (JSON, personal fields in clear inside) and the files' list (storage key, member,
                         size, sha256 of the file itself), sealed

Sealed is AES-256-GCM under the archive key with a fresh nonce, the archive id and the member's name as associated
data (a member moved into another archive, or renamed, does not open). The archive key is 32 random bytes made at
export and written once into a key file of its own (base64, mode 0600); it is not in the archive and not the
deployment's DATA_KEY. Without it the archive shows only the manifest: counts and checksums, nothing personal.

The checks on reading, in order, each refusing with one plain sentence: a zip at all, a manifest of this format,
the key is the archive's (the key check), the manifest unchanged (its MAC), every member there with its sha256.
A member that then fails to open (GCM) is refused too.
"""
import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
import uuid
import zipfile
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .databases import BackupError
from .service import _sha256, checked_manifest

FORMAT = "gongyou-office-archive"
VERSION = 1
MANIFEST = "manifest.json"
DATA = "data.sealed"


def file_name(n: int) -> str:
    return f"files/{n}.sealed"


# --- the archive key ----------------------------------------------------------------------------


def new_key() -> bytes:
    return secrets.token_bytes(32)


def write_key(path: str | Path, key: bytes) -> None:
    """The key into a new file only its owner reads; an existing file is never overwritten."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BackupError(f"钥匙文件 {path} 已经存在：请给一个新的文件名（不覆盖旧钥匙）") from None
    except OSError as exc:
        raise BackupError(f"钥匙文件 {path} 写不进去：{exc.strerror}") from None
    with os.fdopen(fd, "w") as fh:
        fh.write(base64.urlsafe_b64encode(key).decode() + "\n")


def read_key(path: str | Path) -> bytes:
    try:
        text = Path(path).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise BackupError(f"找不到钥匙文件 {path}") from None
    except (OSError, UnicodeDecodeError):
        raise BackupError(f"钥匙文件 {path} 读不出来：它应当是导出时写下的那一行") from None
    try:
        key = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != 32:
        raise BackupError(f"钥匙文件 {path} 里不是导出时写下的钥匙（应是一行 44 个字符）")
    return key


def _mac(key: bytes, label: str, data: bytes) -> str:
    return hmac.new(key, f"{FORMAT}:{label}:".encode() + data, hashlib.sha256).hexdigest()


def _canonical(manifest: dict) -> bytes:
    return json.dumps({k: v for k, v in manifest.items() if k != "mac"}, sort_keys=True, ensure_ascii=False).encode()


def seal(key: bytes, archive_id: str, name: str, data: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, data, f"{archive_id}:{name}".encode())


def unseal(key: bytes, archive_id: str, name: str, blob: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(blob[:12], blob[12:], f"{archive_id}:{name}".encode())
    except (InvalidTag, ValueError):
        raise BackupError(f"档案里的 {name} 解不开：档案被改动过，不导入") from None


# --- writing ------------------------------------------------------------------------------------


def write(dest: str | Path, key: bytes, head: dict, tables: dict, files: Iterator[tuple[str, bytes]]) -> dict:
    """Write the archive to the new file dest: each of `files` (storage key, bytes) sealed in turn, one in memory at
    a time, then `tables` and the files' list (key, size, sha256 of the bytes) sealed as the data, then the manifest
    with `head` (office, revision, counts). Returns the manifest."""
    dest = Path(dest)
    if dest.exists():
        raise BackupError(f"{dest} 已经存在：请给一个新的文件名（不覆盖）")
    archive_id = uuid.uuid4().hex
    partial = dest.with_name(dest.name + ".part")
    members: list[dict] = []
    try:
        with zipfile.ZipFile(partial, "x", zipfile.ZIP_STORED, allowZip64=True) as zf:
            def put(name: str, plain: bytes) -> None:
                blob = seal(key, archive_id, name, plain)
                zf.writestr(name, blob)
                members.append({"name": name, "bytes": len(blob), "sha256": _sha256(blob)})

            listed = []
            for n, (storage_key, content) in enumerate(files):
                put(file_name(n), content)
                listed.append({"key": storage_key, "member": file_name(n), "bytes": len(content),
                               "sha256": _sha256(content)})
            put(DATA, json.dumps({"tables": tables, "files": listed}, ensure_ascii=False).encode())
            manifest = {"format": FORMAT, "version": VERSION, "archive_id": archive_id,
                        "created_at": datetime.now(timezone.utc).isoformat(), **head, "members": members,
                        "key_check": _mac(key, "key", archive_id.encode())}
            manifest["mac"] = _mac(key, "manifest", _canonical(manifest))
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        partial.replace(dest)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


# --- reading ------------------------------------------------------------------------------------


class Archive:
    """An archive checked whole (manifest, key, every member's checksum); members open one at a time."""

    def __init__(self, src: str | Path, key: bytes):
        self.src, self.key = Path(src), key
        try:
            self.zip = zipfile.ZipFile(self.src)
        except FileNotFoundError:
            raise BackupError(f"找不到档案文件 {src}") from None
        except (zipfile.BadZipFile, OSError):
            raise BackupError(f"{src} 不是完整的档案文件（不是 zip，或者被截断了），不导入") from None
        try:
            self.manifest = self._manifest()
            self._check_members()
        except BaseException:
            self.zip.close()
            raise

    def _read(self, name: str) -> bytes:
        try:
            return self.zip.read(name)
        except KeyError:
            raise BackupError(f"档案里缺少 {name}：档案不完整，不导入") from None
        except (zipfile.BadZipFile, OSError, EOFError):
            raise BackupError(f"档案里的 {name} 读不出来：档案已损坏或被截断，不导入") from None

    def _manifest(self) -> dict:
        manifest = checked_manifest(
            self._read(MANIFEST), FORMAT, VERSION, unreadable=f"{self.src} 的清单不是可读的 JSON：档案已损坏，不导入",
            foreign=f"{self.src} 不是机构移交档案（`flask office export` 写的文件）", what="档案")
        archive_id = manifest.get("archive_id")
        members = manifest.get("members")
        if not (isinstance(archive_id, str) and isinstance(members, list) and isinstance(manifest.get("counts"), dict)
                and all(isinstance(m, dict) and isinstance(m.get("name"), str) and isinstance(m.get("sha256"), str)
                        for m in members)):
            raise BackupError(f"{self.src} 的清单缺少必需的内容：档案已损坏，不导入")
        if not hmac.compare_digest(str(manifest.get("key_check")), _mac(self.key, "key", archive_id.encode())):
            raise BackupError("钥匙不对：这不是导出这个档案时写下的钥匙文件，不导入")
        if not hmac.compare_digest(str(manifest.get("mac")), _mac(self.key, "manifest", _canonical(manifest))):
            raise BackupError("档案的清单被改动过（与钥匙对不上），不导入")
        return manifest

    def _check_members(self) -> None:
        for member in self.manifest["members"]:
            if _sha256(self._read(member["name"])) != member["sha256"]:
                raise BackupError(f"档案里的 {member['name']} 校验和与清单不符：档案已损坏或被改动，不导入")

    def open(self, name: str) -> bytes:
        return unseal(self.key, self.manifest["archive_id"], name, self._read(name))

    def data(self) -> dict:
        try:
            data = json.loads(self.open(DATA).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise BackupError("档案里的数据不是可读的 JSON：档案已损坏，不导入") from None
        tables = data.get("tables") if isinstance(data, dict) else None
        if not isinstance(tables, dict) or not all(isinstance(rows, list) for rows in tables.values()) \
                or not isinstance(data.get("files"), list):
            raise BackupError("档案里的数据缺少必需的内容：档案已损坏，不导入")
        wrong = [f"{name}：清单 {n}，档案 {len(tables.get(name, []))}" for name, n in self.manifest["counts"].items()
                 if len(tables.get(name, [])) != n]
        if wrong:
            raise BackupError("档案里的行数与清单不符（" + "；".join(wrong) + "），不导入")
        return data

    def close(self) -> None:
        self.zip.close()
