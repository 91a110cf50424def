"""An aiosmtpd handler for officeguard's tests: each message the server accepts is written, as it came, to a file
of its own in a folder (the envelope's recipients in a first header line, X-Envelope-To).

    PYTHONPATH=this-folder python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c mail_to_dir.MailToDir FOLDER
"""
import itertools
import os
import time


class MailToDir:
    def __init__(self, folder):
        self.folder = folder
        self.numbers = itertools.count()

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("MailToDir needs the folder to write to")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        name = "%d-%d" % (time.time_ns(), next(self.numbers))
        part = os.path.join(self.folder, name + ".part")
        with open(part, "wb") as out:
            out.write(("X-Envelope-To: %s\r\n" % ", ".join(envelope.rcpt_tos)).encode("ascii"))
            out.write(envelope.original_content)
        os.rename(part, os.path.join(self.folder, name + ".eml"))  # whole or not at all
        return "250 Message accepted for delivery"
