"""Decrypts an encrypted Office file with msoffcrypto-tool (Debian's python3-msoffcrypto-tool),
an implementation independent of the one the product uses, checking the password and the
file's HMAC as Excel does. Used by test/support/libreoffice.ts.

usage: msoffcrypto_decrypt.py <in> <out> <password>
exit status: 0 decrypted, 3 wrong password or integrity check failed, other: could not run
"""
import sys

import msoffcrypto
from msoffcrypto.exceptions import InvalidKeyError

src, dst, password = sys.argv[1:4]
with open(src, "rb") as f:
    office = msoffcrypto.OfficeFile(f)
    if not office.is_encrypted() or getattr(office, "type", None) != "agile":
        print(f"not agile-encrypted: {getattr(office, 'type', None)}", file=sys.stderr)
        sys.exit(4)
    try:
        office.load_key(password=password, verify_password=True)
        with open(dst, "wb") as out:
            office.decrypt(out, verify_integrity=True)
    except InvalidKeyError as e:
        print(f"refused: {e}", file=sys.stderr)
        sys.exit(3)
