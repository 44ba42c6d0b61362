"""Where evidence files live: one small interface, two backends.

`local` (the default, one machine): files under instance/uploads. `s3` (several app servers): any
S3-compatible store through boto3. Settings come from the environment (see README, 法律援助):
STORAGE_BACKEND, STORAGE_DIR, S3_BUCKET, S3_ENDPOINT_URL, S3_REGION, S3_ACCESS_KEY_ID,
S3_SECRET_ACCESS_KEY (left empty, boto3 finds credentials its usual way, e.g. an instance role).
"""
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from flask import current_app

from ..config import ROOT
from ..errors import DomainError


class Storage(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None: ...
    def get(self, key: str) -> bytes: ...
    def delete(self, key: str) -> None: ...
    def keys(self, prefix: str) -> Iterator[tuple[str, datetime]]:
        """Every key under prefix with when it was last written (UTC), in no particular order."""
        ...


class MissingFile(Exception):
    pass


class StorageUnavailable(DomainError):
    """The object store cannot be reached (refused, timed out, or answering 5xx): nothing was kept, send it again."""

    status = 503

    def __init__(self):
        super().__init__("照片暂时存不上，请过一会儿再试（已填的内容不会丢）。", "storage_unavailable",
                         headers={"Retry-After": "10"})


def _unreachable(exc: Exception) -> bool:
    """Whether botocore says the store did not answer (refused, cut, timed out) or answered 5xx."""
    from botocore.exceptions import ClientError, HTTPClientError
    from botocore.exceptions import ConnectionError as BotoConnectionError
    if isinstance(exc, (BotoConnectionError, HTTPClientError)):
        return True
    status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) if isinstance(exc, ClientError) else 0
    return status >= 500


@contextmanager
def _reaching_the_store() -> Iterator[None]:
    """A call to the object store: when it did not answer (or answered 5xx), StorageUnavailable; else as raised."""
    try:
        yield
    except Exception as exc:
        if _unreachable(exc):
            raise StorageUnavailable() from exc
        raise


PREFIX = "evidence/"  # every evidence file's key starts so; nothing else under it is kept


def new_key(suffix: str) -> str:
    """A random name that says nothing about the person or the case."""
    return f"{PREFIX}{secrets.token_hex(16)}{suffix}"


class LocalStorage:
    def __init__(self, root: str | Path):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if self.root.resolve() not in path.parents:
            raise ValueError("storage key leaves the storage folder")
        return path

    def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())  # on disk before the row that points to it is committed
        tmp.replace(path)

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise MissingFile(key) from None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def keys(self, prefix: str) -> Iterator[tuple[str, datetime]]:
        # Half-written ".part" files are listed too: a process killed mid-write leaves one behind.
        top = self._path(prefix.rstrip("/")) if prefix.strip("/") else self.root.resolve()
        if not top.is_dir():
            return
        root = self.root.resolve()
        for folder, _, names in os.walk(top):
            for name in names:
                path = Path(folder) / name
                try:
                    modified = path.stat().st_mtime
                except FileNotFoundError:  # removed meanwhile
                    continue
                yield path.relative_to(root).as_posix(), datetime.fromtimestamp(modified, timezone.utc)


class S3Storage:
    def __init__(self, bucket: str, client):
        self.bucket = bucket
        self.client = client

    def put(self, key: str, data: bytes, content_type: str) -> None:
        with _reaching_the_store():
            self.client.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType=content_type)

    def get(self, key: str) -> bytes:
        with _reaching_the_store():
            try:
                return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
            except self.client.exceptions.NoSuchKey:
                raise MissingFile(key) from None

    def delete(self, key: str) -> None:
        with _reaching_the_store():
            self.client.delete_object(Bucket=self.bucket, Key=key)

    def keys(self, prefix: str) -> Iterator[tuple[str, datetime]]:
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
            for obj in page.get("Contents", []):
                yield obj["Key"], obj["LastModified"]


def delete_quietly(*keys: str) -> None:
    """Remove these files ("" skipped); one the store fails to remove stays for the orphan sweep: a leftover file is
    harmless, a crash here would hide the error being cleaned up after."""
    store = storage()
    for key in filter(None, keys):
        try:
            store.delete(key)
        except Exception:  # noqa: BLE001
            pass


def _setting(name: str, default: str = "") -> str:
    # The app's config wins (tests, create_app overrides); else the environment.
    value = current_app.config.get(name)
    return str(value) if value not in (None, "") else os.environ.get(name, default)


def storage() -> Storage:
    """The configured backend for this app, built once."""
    store = current_app.extensions.get("evidence_storage")
    if store is None:
        store = current_app.extensions["evidence_storage"] = _build()
    return store


def _build() -> Storage:
    backend = _setting("STORAGE_BACKEND", "local")
    if backend == "local":
        return LocalStorage(_setting("STORAGE_DIR", str(ROOT / "instance" / "uploads")))
    if backend == "s3":
        import boto3
        from botocore.config import Config as BotoConfig

        bucket = _setting("S3_BUCKET")
        if not bucket:
            raise RuntimeError("STORAGE_BACKEND=s3 but S3_BUCKET is not set")
        client = boto3.client(
            "s3", endpoint_url=_setting("S3_ENDPOINT_URL") or None, region_name=_setting("S3_REGION", "us-east-1"),
            aws_access_key_id=_setting("S3_ACCESS_KEY_ID") or None,
            aws_secret_access_key=_setting("S3_SECRET_ACCESS_KEY") or None,
            config=BotoConfig(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=5, read_timeout=20))
        return S3Storage(bucket, client)
    raise RuntimeError(f"unknown STORAGE_BACKEND {backend!r} (local or s3)")
