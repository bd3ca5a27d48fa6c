#!/usr/bin/python3
"""Logs in to vtgate with PyMySQL and reports how caching_sha2_password went.

usage: pymysql_login.py PORT USER PASSWORD {plain|tls} [CA_FILE]

Prints one line:
  ok path=<fast|clear|rsa|none> cipher=<name or ->   on success, where path is
      the caching_sha2_password exchange the client went through (none: the
      server did not ask for more than the first token);
  error <errno> <message>                           on failure.
"""
import sys

import pymysql
from pymysql import _auth

port, user, password, transport = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
ca = sys.argv[5] if len(sys.argv) > 5 else None

sent = []
_roundtrip = _auth._roundtrip


def recording_roundtrip(conn, data):
    sent.append(bytes(data))
    return _roundtrip(conn, data)


_auth._roundtrip = recording_roundtrip

seen = []
_caching_sha2 = _auth.caching_sha2_password_auth


def recording_caching_sha2(conn, pkt):
    seen.append("caching_sha2")
    return _caching_sha2(conn, pkt)


_auth.caching_sha2_password_auth = recording_caching_sha2

kwargs = dict(host="127.0.0.1", port=int(port), user=user, password=password,
              database="commerce", connect_timeout=10)
if transport == "tls":
    kwargs["ssl"] = {"ca": ca} if ca else {"check_hostname": False, "verify_mode": 0}
try:
    conn = pymysql.connect(**kwargs)
except pymysql.err.MySQLError as e:
    code = e.args[0] if e.args else 0
    message = e.args[1] if len(e.args) > 1 else str(e)
    print("error %s %s" % (code, message))
    sys.exit(0)

if not sent:
    path = "fast" if seen else "none"
elif sent[0] == b"\x02" or (len(sent[0]) == 256 and sent[0] != password.encode() + b"\0"):
    path = "rsa"
elif sent[0] == password.encode() + b"\0":
    path = "clear"
else:
    path = "other"
cipher = conn._sock.cipher()[0] if hasattr(conn._sock, "cipher") else "-"
with conn.cursor() as cur:
    cur.execute("select 1")
    assert cur.fetchone()[0] == 1
conn.close()
print("ok path=%s cipher=%s" % (path, cipher))
