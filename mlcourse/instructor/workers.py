"""The workers that run grader-side stages on student content, each in a process of its own.

    python -m mlcourse.instructor.workers CONTROL_FD

One small server process per grading run imports what the stages need once, then waits on the
Unix socket ``CONTROL_FD``. For each stage the grader sends it one end of a new socket pair; the
server forks a worker that owns that end: it sends its pid, receives (function, arguments,
bytes of memory it may add), computes under that memory limit and sends back ("value", result),
("memory", "") or ("error", why). The grader waits for the answer within the stage's time and
kills the worker when it does not come (:func:`mlcourse.instructor.limits.run_stage`).

A server of our own rather than :mod:`multiprocessing`: its workers fork from a single-threaded
process (the grader's threads may hold locks a forked child would wait on forever) and never
import the grader's ``__main__`` (a script calling the grader without a main guard would start
grading again in every worker). Messages are pickles: both ends run this package's code.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import signal
import socket
import struct
import sys
from typing import Any

LENGTH = struct.Struct("!Q")
PID = struct.Struct("!q")


def send_message(channel: socket.socket, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    channel.sendall(LENGTH.pack(len(data)) + data)


def receive_exactly(channel: socket.socket, size: int) -> bytes:
    chunks, received = [], 0
    while received < size:
        chunk = channel.recv(min(size - received, 1 << 20))
        if not chunk:
            raise EOFError("the other end closed the channel")
        chunks.append(chunk)
        received += len(chunk)
    return b"".join(chunks)


def receive_message(channel: socket.socket) -> Any:
    (size,) = LENGTH.unpack(receive_exactly(channel, LENGTH.size))
    return pickle.loads(receive_exactly(channel, size))


def serve(control_fd: int, preload: list[str]) -> None:
    """Fork one worker per socket received on ``control_fd``, until that socket closes."""
    for name in preload:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped by the kernel
    control = socket.socket(fileno=control_fd)
    while True:
        try:
            _, descriptors, _, _ = socket.recv_fds(control, 1, 1)
        except OSError:
            return
        if not descriptors:
            return  # the grader is gone
        if os.fork() == 0:
            control.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            try:
                work(socket.socket(fileno=descriptors[0]))
            finally:
                os._exit(0)
        os.close(descriptors[0])


def work(channel: socket.socket) -> None:
    """In a worker: say who it is, compute what is asked within its memory, send the result."""
    from mlcourse.feedback import limit_memory

    channel.sendall(PID.pack(os.getpid()))
    function, args, memory = receive_message(channel)
    limit_memory(memory)
    try:
        result: tuple[str, Any] = ("value", function(*args))
    except MemoryError:
        result = ("memory", "")
    except RecursionError:
        result = ("error", "RecursionError: nested too deeply")
    except Exception as error:  # whatever the content makes our code raise
        result = ("error", f"{type(error).__name__}: {str(error)[:200]}")
    try:
        send_message(channel, result)
    except MemoryError:
        send_message(channel, ("memory", ""))


if __name__ == "__main__":
    serve(int(sys.argv[1]), sys.argv[2:])
