"""Screenshot an Odoo page in headless Chromium, logged in (a developer tool).

    python3 scripts/screenshot.py URL OUT.png [--login admin --password admin]
        [--width 1400 --height 1000] [--click "CSS selector" ...]

Starts Debian's ``chromium`` with a DevTools port, logs in through
``/web/login`` in the page itself, opens URL, clicks the given selectors in
order (a notebook tab, say), waits for Odoo's client to settle and writes a
PNG. Needs ``websocket-client`` (as Odoo's own browser tests do).
"""

import argparse
import base64
import json
import subprocess
import tempfile
import time
import urllib.request

import websocket


class Page:
    def __init__(self, port):
        for _ in range(100):
            try:
                targets = json.load(
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/json")
                )
                page = next(t for t in targets if t["type"] == "page")
                break
            except (OSError, StopIteration):
                time.sleep(0.1)
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0

    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            answer = json.loads(self.ws.recv())
            if answer.get("id") == self.next_id:
                return answer.get("result", {})

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, awaitPromise=True)
        return result.get("result", {}).get("value")

    def wait_for(self, expression, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(expression):
                return
            time.sleep(0.2)
        raise SystemExit(f"timed out waiting for {expression}")

    def goto(self, url):
        self.send("Page.navigate", url=url)
        time.sleep(0.5)
        self.wait_for("document.readyState === 'complete'")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("out")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--click", action="append", default=[])
    parser.add_argument("--port", type=int, default=9333)
    args = parser.parse_args()
    base = args.url.split("/odoo")[0].split("/web")[0]
    profile = tempfile.mkdtemp()
    browser = subprocess.Popen(
        [
            "chromium",
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            f"--remote-debugging-port={args.port}",
            f"--user-data-dir={profile}",
            f"--window-size={args.width},{args.height}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page = Page(args.port)
        page.send(
            "Emulation.setDeviceMetricsOverride",
            width=args.width,
            height=args.height,
            deviceScaleFactor=1,
            mobile=False,
        )
        page.goto(f"{base}/web/login")
        fill = "document.querySelector('input[name=%s]').value = %s;"
        page.evaluate(
            fill % ("login", json.dumps(args.login))
            + fill % ("password", json.dumps(args.password))
            + "document.querySelector('form').submit(); true"
        )
        time.sleep(2)
        page.goto(args.url)
        page.wait_for(
            "!!document.querySelector('.o_form_view, .o_list_view, .o_kanban_view')"
        )
        time.sleep(1.5)
        for selector in args.click:
            page.wait_for(f"!!document.querySelector({json.dumps(selector)})")
            page.evaluate(
                f"document.querySelector({json.dumps(selector)}).click(); true"
            )
            time.sleep(1.5)
        shot = page.send(
            "Page.captureScreenshot", format="png", captureBeyondViewport=False
        )
        with open(args.out, "wb") as handle:
            handle.write(base64.b64decode(shot["data"]))
        print(args.out)
    finally:
        browser.terminate()


if __name__ == "__main__":
    main()
