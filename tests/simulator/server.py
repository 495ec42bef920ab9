"""The HTTP side: a threading HTTP/1.1 server on 127.0.0.1 in a daemon thread.

It only moves bytes: it parses each request into an
:class:`~tests.simulator.messages.ApiRequest`, asks the simulator for a
:class:`~tests.simulator.messages.Reply` and writes it (or drops the
connection, or waits first, as the reply says). Keep-alive works because
every answer but a 204 carries a Content-Length.
"""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .messages import ApiRequest


class SimulatorRequestHandler(BaseHTTPRequestHandler):
    """Hands every request to ``self.server.simulator.handle``."""

    protocol_version = "HTTP/1.1"
    server_version = "BigCommerceSimulator/1.0"

    def do_GET(self):
        """Serve a GET (and, through the aliases below, every other verb)."""
        self._serve()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def log_message(self, format, *args):
        """Stay silent: tests read ``simulator.requests`` instead."""

    def _serve(self):
        """Parse the request, get the simulator's reply and write it."""
        received_at = time.monotonic()
        length = int(self.headers.get("Content-Length") or 0)
        raw_body = self.rfile.read(length) if length else b""
        request = ApiRequest.parse(
            self.command, self.path, self.headers.items(), raw_body, received_at
        )
        reply = self.server.simulator.handle(request)
        if reply.drop:
            self.close_connection = True
            return
        if reply.delay:
            time.sleep(reply.delay)
        self._write(reply)

    def _write(self, reply):
        """Write status, headers and body; no body nor length on a 204.

        The body is JSON unless the reply names its own ``Content-Type``.
        """
        payload = reply.payload()
        self.send_response(reply.status)
        headers = dict(reply.headers)
        if reply.status != 204:
            headers.setdefault("Content-Type", "application/json")
            headers["Content-Length"] = str(len(payload))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if reply.status != 204:
            self.wfile.write(payload)


class SimulatorHTTPServer(ThreadingHTTPServer):
    """A threading server that remembers its open connections to close them."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, simulator):
        super().__init__(("127.0.0.1", 0), SimulatorRequestHandler)
        self.simulator = simulator
        self._connections = set()
        self._connections_lock = threading.Lock()

    def process_request(self, request, client_address):
        """Track the connection, then serve it in its own thread."""
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        """Forget the connection and close it."""
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request, client_address):
        """Ignore errors such as a client gone after a timeout fault."""

    def close_connections(self):
        """Shut down every open keep-alive connection."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                continue


class ServerThread:
    """Runs a :class:`SimulatorHTTPServer` in a daemon thread."""

    def __init__(self, simulator):
        self.httpd = SimulatorHTTPServer(simulator)
        self.thread = threading.Thread(
            target=self.httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="bigcommerce-simulator",
            daemon=True,
        )

    @property
    def port(self):
        """The port the server listens on."""
        return self.httpd.server_address[1]

    def start(self):
        """Start serving."""
        self.thread.start()

    def stop(self):
        """Stop serving, close the socket and every open connection."""
        self.httpd.shutdown()
        self.httpd.server_close()
        self.httpd.close_connections()
        self.thread.join(timeout=5)
