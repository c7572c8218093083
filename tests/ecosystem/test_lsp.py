"""`accountplan lsp`: an editor gets check's problems and completions for dossier frontmatter while typing.

The server runs as an editor starts it (a subprocess speaking the Language Server Protocol on
stdin/stdout); the test plays the editor: open a contact with mistakes, read the diagnostics,
fix it, see them cleared, and ask for completions.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CONTACT = REPO / "accounts" / "atlas-freight" / "contacts" / "c-bart-peeters.md"
URI = CONTACT.as_uri()


class Editor:
    """The client side of the protocol over a server subprocess."""

    def __init__(self) -> None:
        self.server = subprocess.Popen([sys.executable, "-m", "generator", "lsp"], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, cwd=REPO)
        self.next_id = 0

    def send(self, method: str, params: dict[str, Any], *, request: bool = False) -> int | None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode()
        assert self.server.stdin is not None
        self.server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.server.stdin.flush()
        return message.get("id")

    def receive(self) -> dict[str, Any]:
        assert self.server.stdout is not None
        length = 0
        while (line := self.server.stdout.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return dict(json.loads(self.server.stdout.read(length)))

    def close(self) -> int:
        self.send("shutdown", {}, request=True)
        assert self.receive()["result"] is None
        self.send("exit", {})
        return self.server.wait(timeout=30)


def test_an_editor_sees_problems_while_typing_and_gets_completions() -> None:
    editor = Editor()
    editor.send("initialize", {"processId": None, "rootUri": REPO.as_uri(), "capabilities": {}}, request=True)
    capabilities = editor.receive()["result"]["capabilities"]
    assert capabilities["completionProvider"] and capabilities["textDocumentSync"] == 1
    editor.send("initialized", {})

    good = CONTACT.read_text(encoding="utf-8")
    bad = good.replace("role: technical-evaluator", "role: influncer").replace("support: 4", "support: lots")
    editor.send("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "markdown", "version": 1,
                                                          "text": bad}})
    published = editor.receive()
    assert published["method"] == "textDocument/publishDiagnostics"
    found = {(d["code"], d["range"]["start"]["line"]) for d in published["params"]["diagnostics"]}
    lines = bad.split("\n")
    assert found == {("AP104", lines.index("role: influncer")), ("AP102", lines.index("support: lots"))}
    assert "did you mean 'influencer'?" in " ".join(d["message"] for d in published["params"]["diagnostics"])

    editor.send("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2},
                                           "contentChanges": [{"text": good}]})
    assert editor.receive()["params"]["diagnostics"] == []

    role = good.split("\n").index("role: technical-evaluator")
    editor.send("textDocument/completion", {"textDocument": {"uri": URI},
                                            "position": {"line": role, "character": len("role: ")}}, request=True)
    values = {item["label"] for item in editor.receive()["result"]}
    assert {"decision-maker", "influencer", "technical-evaluator"} <= values

    editor.send("textDocument/completion", {"textDocument": {"uri": URI}, "position": {"line": 1, "character": 0}},
                request=True)
    keys = {item["label"] for item in editor.receive()["result"]}
    assert "coach" in keys and "name" not in keys  # the keys not written yet, not those present

    editor.send("textDocument/hover", {"textDocument": {"uri": URI}, "position": {"line": 1, "character": 0}},
                request=True)
    assert editor.receive()["error"]["code"] == -32601
    assert editor.close() == 0


def test_a_lone_surrogate_from_the_editor_is_reported_as_bytes_that_are_not_utf8() -> None:
    # JSON can carry "\udcff"; the server reported it instead of crashing on the encode.
    from generator.edit.lsp import diagnose

    found = diagnose(str(CONTACT), '---\nid: c-bart-peeters\nname: "A\udcff"\n---\n')
    assert [(d.line, d.code) for d in found] == [(3, "AP001")]
