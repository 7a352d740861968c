import hashlib
import hmac

import pytest

webhook = pytest.importorskip("cicd.webhook")


def test_good_signature():
    body = b'{"ref": "refs/heads/main"}'
    header = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert webhook.verify(b"s3cret", body, header) is True
    assert webhook.verify(b"other", body, header) is False
