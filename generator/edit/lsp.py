"""``accountplan lsp``: a small language server, so an editor shows check's problems and completes keys while typing.

Editors hand ``.md`` files to their Markdown support, not to a YAML language server, which
would read the Markdown body as YAML anyway. This server speaks the Language Server Protocol
over standard input and output, for dossier files only (``roster.yml``, ``account.md``,
``contacts/*.md``, ``activities/*.md``): on every change it loads the buffer with the loader
``check`` uses and publishes its diagnostics (files, YAML and schema: AP0xx and AP1xx; the
cross-file and method rules need the saved portfolio, so ``check`` still runs on save or
commit); it completes the keys of the file's kind and the allowed values of a key.
"""

from __future__ import annotations

import json
import re
import sys
import typing
from collections.abc import Iterator
from typing import Any, BinaryIO
from urllib.parse import unquote, urlparse

from .. import translate
from ..diagnostics import Diagnostic, Severity
from ..load.files import load_document
from ..model import Account, Activity, Contact, Roster
from ..model.spec import fields, hints

KINDS: dict[str, type] = {"account": Account, "contact": Contact, "activity": Activity, "roster": Roster}
_SEVERITY = {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}
_KEY = re.compile(r"^([a-z_]+):\s*")
MAX_MESSAGE = 16 * 1024 * 1024
"""A larger message is refused: the server reads nothing it cannot hold."""


def kind_of(path: str) -> str | None:
    """The dossier file kind of ``path`` (``account``, ``contact``...), or ``None`` for any other file."""
    parts = path.replace("\\", "/").split("/")
    if parts[-1] == "roster.yml":
        return "roster"
    if parts[-1] == "account.md":
        return "account"
    if len(parts) >= 2 and parts[-1].endswith(".md"):
        return {"contacts": "contact", "activities": "activity"}.get(parts[-2])
    return None


def diagnose(path: str, text: str) -> list[Diagnostic]:
    """What the loader reports about ``text`` as the file ``path``; nothing for other files."""
    kind = kind_of(path)
    if kind is None:
        return []
    _, found = load_document(path, text.encode("utf-8", "surrogatepass"), KINDS[kind], markdown=kind != "roster")
    return found


def completions(path: str, text: str, line: int, character: int) -> list[dict[str, Any]]:
    """Completion items at a 0-based position: the kind's top-level keys, or the allowed values after ``key:``."""
    kind = kind_of(path)
    if kind is None:
        return []
    cls = KINDS[kind]
    lines = text.split("\n")
    if kind != "roster" and not 0 < line < next((i for i, t in enumerate(lines) if i and t == "---"), len(lines)):
        return []  # outside the frontmatter: the Markdown body is the editor's own
    current = lines[line][:character] if line < len(lines) else ""
    key = _KEY.match(current)
    known = fields(cls)
    if key and key.group(1) in known:
        return [{"label": value, "kind": 12} for value in _values(hints(cls)[key.group(1)])]
    if current and not current.isidentifier():
        return []
    present = {m.group(1) for m in map(_KEY.match, lines) if m}
    return [{"label": name, "kind": 10, "insertText": f"{name}: ", "documentation": str(f.metadata.get("doc", ""))}
            for name, f in known.items() if name not in present]


def _values(hint: Any) -> list[str]:
    for option in (hint, *typing.get_args(hint)):
        if typing.get_origin(option) is typing.Literal:
            return [str(v) for v in typing.get_args(option)]
    return ["true", "false"] if bool in (hint, *typing.get_args(hint)) else []


def _lsp_diagnostic(d: Diagnostic, lang: str = "en") -> dict[str, Any]:
    line, column = max(d.line - 1, 0), max(d.column - 1, 0)
    d = translate.diagnostic(d, lang)
    message = translate.t("{message} (hint: {hint})", lang, message=d.message, hint=d.hint) if d.hint else d.message
    return {"range": {"start": {"line": line, "character": column}, "end": {"line": line, "character": column + 1}},
            "severity": _SEVERITY[d.severity], "code": d.code, "source": "accountplan", "message": message}


def _path(uri: str) -> str:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


def read_messages(stream: BinaryIO) -> Iterator[dict[str, Any]]:
    """JSON-RPC messages framed by ``Content-Length`` headers, until the stream ends."""
    while True:
        length = None
        while True:
            header = stream.readline()
            if not header:
                return
            if header in (b"\r\n", b"\n"):
                break
            name, _, value = header.decode("ascii", "replace").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        if length is None or not 0 <= length <= MAX_MESSAGE:
            return
        yield json.loads(stream.read(length).decode("utf-8"))


def write_message(stream: BinaryIO, message: dict[str, Any]) -> None:
    """One JSON-RPC message with its ``Content-Length`` header."""
    body = json.dumps({"jsonrpc": "2.0", **message}, ensure_ascii=False).encode("utf-8")
    stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    stream.flush()


class Server:
    """The open documents and the answers to each request."""

    def __init__(self, out: BinaryIO, lang: str = "en") -> None:
        self.out = out
        self.lang = lang
        self.documents: dict[str, str] = {}

    def handle(self, message: dict[str, Any]) -> bool:
        """Answer one message; ``False`` once the client says ``exit``."""
        method, params = message.get("method"), message.get("params") or {}
        if method == "exit":
            return False
        if method in ("textDocument/didOpen", "textDocument/didChange"):
            doc = params["textDocument"]
            text = doc["text"] if method.endswith("didOpen") else params["contentChanges"][-1]["text"]
            self.documents[doc["uri"]] = text
            self.publish(doc["uri"])
        elif method == "textDocument/didClose":
            self.documents.pop(params["textDocument"]["uri"], None)
        elif "id" in message:
            self.respond(message["id"], method, params)
        return True

    def respond(self, request: Any, method: Any, params: dict[str, Any]) -> None:
        """Reply to a request; unknown methods get the protocol's 'method not found'."""
        if method == "initialize":
            capabilities = {"textDocumentSync": 1, "completionProvider": {"triggerCharacters": [":", " "]}}
            write_message(self.out, {"id": request, "result": {"capabilities": capabilities,
                                                               "serverInfo": {"name": "accountplan"}}})
        elif method == "shutdown":
            write_message(self.out, {"id": request, "result": None})
        elif method == "textDocument/completion":
            uri, at = params["textDocument"]["uri"], params["position"]
            items = completions(_path(uri), self.documents.get(uri, ""), at["line"], at["character"])
            write_message(self.out, {"id": request, "result": items})
        else:
            write_message(self.out, {"id": request, "error": {"code": -32601, "message": f"no method {method}"}})

    def publish(self, uri: str) -> None:
        """Send the document's diagnostics (an empty list clears earlier ones)."""
        found = diagnose(_path(uri), self.documents[uri])
        write_message(self.out, {"method": "textDocument/publishDiagnostics",
                                 "params": {"uri": uri, "diagnostics": [_lsp_diagnostic(d, self.lang) for d in found]}})


def serve(stdin: BinaryIO | None = None, stdout: BinaryIO | None = None, lang: str = "en") -> int:
    """Run the server until the client exits or closes the stream; messages and hints in ``lang``."""
    server = Server(stdout or sys.stdout.buffer, lang)
    for message in read_messages(stdin or sys.stdin.buffer):
        if not server.handle(message):
            break
    return 0
