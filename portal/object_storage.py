"""Object storage settings (django-storages' S3 backend).

The options are built in one place so the settings and the test settings give
every storage (private files, Wagtail's images) the same client.
"""

from botocore.config import Config

#: Signed links (Wagtail's images only) last five minutes: long enough for a
#: page to load, short enough that a copied link soon stops working.
SIGNED_URL_SECONDS = 5 * 60


def s3_storage_options(
    *,
    bucket: str,
    endpoint_url: str | None,
    access_key: str | None,
    secret_key: str | None,
    region: str | None,
) -> dict:
    """Options for `storages.backends.s3.S3Storage`.

    Credentials left empty fall back to boto3's own chain (an instance role,
    AWS_* variables), which is what a cloud deployment should use."""
    return {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url,
        "access_key": access_key,
        "secret_key": secret_key,
        "region_name": region,
        # Never a public-read object: the bucket's own (private) ACL applies.
        "default_acl": None,
        # Two uploads with the same name keep both, as on the file system.
        "file_overwrite": False,
        "querystring_auth": True,
        "querystring_expire": SIGNED_URL_SECONDS,
        "client_config": Config(
            signature_version="s3v4",
            # Path-style works with S3Proxy, MinIO and AWS alike.
            s3={"addressing_style": "path"},
            # botocore >= 1.36 adds CRC checksums to every request; S3Proxy
            # (and other S3-compatible servers) reject them as "not
            # implemented". Send and check them only where S3 requires them.
            # https://docs.aws.amazon.com/sdkref/latest/guide/feature-dataintegrity.html
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
            # A hung object store must not hold a web worker for a minute.
            connect_timeout=2,
            read_timeout=20,
            retries={"max_attempts": 3, "mode": "standard"},
        ),
    }
