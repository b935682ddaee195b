"""Misbehaving stand-ins for Elasticsearch, started inside a test.

None of them touches the shared node: a closed port (stopped), a socket that
accepts connections and never answers (hung), and a small HTTP server that
answers every request with 503 (overloaded or starting up).
"""

import contextlib
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextlib.contextmanager
def stopped_node():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Closed again: connections to it are refused.
    yield f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def hung_node():
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        # The kernel completes the handshakes; nobody ever reads or answers.
        hung.listen(128)
        yield f"http://127.0.0.1:{hung.getsockname()[1]}"


class _Unavailable(BaseHTTPRequestHandler):
    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        body = json.dumps({"error": {"type": "unavailable"}, "status": 503}).encode()
        self.send_response(503)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def node_answering_503():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Unavailable)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


FAULTS = {"stopped": stopped_node, "hanging": hung_node, "503": node_answering_503}
