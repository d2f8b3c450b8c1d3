"""A local SMTP server in a process of its own, so that it takes no CPU time from the sender
it measures; it counts what it receives and when the last message came."""

import multiprocessing
import time


class Counter:
    def __init__(self, count, last):
        self.count = count
        self.last = last

    async def handle_DATA(self, server, session, envelope):
        with self.count.get_lock():
            self.count.value += 1
            self.last.value = time.monotonic()  # the same clock in every process on Linux
        return "250 Message accepted for delivery"


def _serve(port: int, count, last, ready, stop) -> None:
    import logging

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # one line per SMTP command
    controller = Controller(Counter(count, last), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


class SMTPServer:
    def __init__(self, port: int):
        context = multiprocessing.get_context("spawn")  # nothing of Django's state inherited
        self.port = port
        self.count = context.Value("q", 0)
        self.last = context.Value("d", 0.0)
        self._ready = context.Event()
        self._stop = context.Event()
        self._process = context.Process(
            target=_serve, args=(port, self.count, self.last, self._ready, self._stop)
        )

    @property
    def received(self) -> int:
        return self.count.value

    def reset(self) -> None:
        with self.count.get_lock():
            self.count.value = 0
            self.last.value = 0.0

    def __enter__(self) -> "SMTPServer":
        self._process.start()
        if not self._ready.wait(30):
            self._process.kill()
            raise RuntimeError("the SMTP server did not start")
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._process.join(10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(5)
