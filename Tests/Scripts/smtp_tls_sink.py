#!/usr/bin/env python3
"""An SMTP sink with TLS for govwatch's delivery tests, on 127.0.0.1.

usage: smtp_tls_sink.py MODE CERT KEY OUT_DIR
  MODE starttls: plain greeting, STARTTLS required before AUTH and MAIL
  MODE smtps:    TLS from the first byte
Prints the port it listens on, then serves one client: every message it receives is
written to OUT_DIR/mail-N.eml with its envelope in OUT_DIR/mail-N.env; the session's
commands go to OUT_DIR/commands.log.
"""
import os, socket, ssl, sys

mode, cert, key, out = sys.argv[1:5]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(1)
print(listener.getsockname()[1], flush=True)
conn, _ = listener.accept()
if mode == "smtps":
    conn = ctx.wrap_socket(conn, server_side=True)
tls = mode == "smtps"
reader = conn.makefile("rb")
log = open(os.path.join(out, "commands.log"), "a")


def reply(text):
    conn.sendall((text + "\r\n").encode())


def line():
    data = reader.readline()
    return data.decode().rstrip("\r\n") if data else None


reply("220 tls-sink ESMTP")
count, sender, rcpts = 0, "", []
while True:
    cmd = line()
    if cmd is None:
        break
    verb = cmd[:4].upper()
    log.write(("TLS " if tls else "PLAIN ") + (cmd if verb != "AUTH" else "AUTH ...") + "\n")
    log.flush()
    if verb == "EHLO":
        reply("250-tls-sink\r\n250-AUTH PLAIN" + ("" if tls else "\r\n250-STARTTLS") + "\r\n250 8BITMIME")
    elif verb == "STAR":
        reply("220 Ready to start TLS")
        conn = ctx.wrap_socket(conn, server_side=True)
        reader = conn.makefile("rb")
        tls = True
    elif not tls and verb in ("AUTH", "MAIL", "RCPT", "DATA"):
        reply("530 Must issue a STARTTLS command first")
    elif verb == "AUTH":
        if cmd.upper() == "AUTH PLAIN":
            reply("334 ")
            line()
        reply("235 Authentication successful")
    elif verb == "MAIL":
        sender, rcpts = cmd, []
        reply("250 OK")
    elif verb == "RCPT":
        rcpts.append(cmd)
        reply("250 OK")
    elif verb == "DATA":
        reply("354 End data with <CR><LF>.<CR><LF>")
        body = []
        while True:
            l = line()
            if l is None or l == ".":
                break
            body.append(l[1:] if l.startswith("..") else l)
        count += 1
        with open(os.path.join(out, f"mail-{count}.eml"), "w") as f:
            f.write("\r\n".join(body))
        with open(os.path.join(out, f"mail-{count}.env"), "w") as f:
            f.write("\n".join([sender] + rcpts))
        reply("250 OK: queued")
    elif verb == "QUIT":
        reply("221 Bye")
        break
    else:
        reply("250 OK")
conn.close()
