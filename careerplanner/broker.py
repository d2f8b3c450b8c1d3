"""kombu's filesystem transport (the broker `make run` needs no server for), with each
message written whole before a worker can see it."""

import os
import uuid
from time import monotonic

from kombu.transport import filesystem
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        # kombu writes straight into the final name, so a worker polling at that moment
        # could read an empty file and stop with "Unrecoverable error". Write aside, then
        # rename: the worker only picks up names ending in ".<queue>.msg".
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        partial = os.path.join(self.data_folder_out, f".{name}.partial")
        with open(partial, "w", encoding="utf-8") as file:
            file.write(dumps(payload))
        os.replace(partial, final)


class Transport(filesystem.Transport):
    Channel = Channel
