"""A local OpenAI-compatible server that replays a long, realistic R1-style trace (for using the app).

    python bench/replay_server.py [--port 8765] [--rate 48] [--words 2000] [--inline] [--logprobs]

Then connect the app (File → Connect to a server…) to http://127.0.0.1:PORT/v1. Every
chat request gets a reasoning trace of about ``--words`` words streamed at ``--rate``
tokens per second as ``reasoning_content`` deltas (or inline ``<think>`` text with
``--inline``), then an answer. The trace is generated here: a prime-sieve problem
worked through with the moves real R1 distills make (setup, plan, computation,
"Wait,", checks, code with indentation and ``[i*i::i]``, a summary), so the trace
panel, the steps, the sentence map and the loops detector get realistic input.
With ``--logprobs`` every chunk carries ``logprobs.content`` (OpenAI's shape) with
made-up but shaped figures: doubt words ("Wait", "Hmm", "Alternatively") and numbers
are less sure than the words around them, so the confidence views have something to show.
It listens on loopback only and stops with Ctrl+C.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import re
import time
from collections.abc import Callable, Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

OPENING = ("Okay, so I need to find how many primes there are below {n}. "
           "Let me think about how to do this carefully.\n\n")
MOVES = (
    "First, I remember that a prime is a number greater than 1 whose only divisors are 1 and itself. ",
    "A good plan is the sieve of Eratosthenes: cross out the multiples of each prime, "
    "starting at its square. ",
    "Let me compute the squares: {a} squared is {a2}, and {b} squared is {b2}. ",
    "So the multiples of {a} start at {a2}, then {a2p}, then {a2pp}, and so on. ",
    "Wait, that doesn't seem right. If I start at {a2}, did I skip {a}*{c} = {ac}? ",
    "Hmm, no: {ac} was already crossed out as a multiple of {c}, so starting at the square is fine. ",
    "Let me double-check that with a small case: "
    "below 30 the primes are 2, 3, 5, 7, 11, 13, 17, 19, 23, 29. ",
    "That is 10 primes, which matches what I remember, so the method works. ",
    "In code it would look like this:\n\n    is_prime = [True] * {n}\n    is_prime[0] = is_prime[1] = False\n"
    "    for i in range(2, int({n} ** 0.5) + 1):\n        if is_prime[i]:\n"
    "            is_prime[i*i::i] = [False] * len(is_prime[i*i::i])\n\n",
    "Alternatively, I could count with the prime number theorem: about {n}/ln({n}), which is roughly {est}. ",
    "But that is only an estimate, and the question wants the exact count. ",
    "So far I have crossed out the multiples of 2, 3 and 5; next come 7, 11 and 13. ",
    "Let me verify one more value: is {p} prime? It is not divisible by 2, 3, 5 or 7, so yes. ",
    "Wait, I should be careful about the upper bound: \"below {n}\" means I do not include {n} itself. ",
    "Putting it together, the count of primes below {n} is {count}. ",
)
ANSWER = "There are **{count}** primes below {n}.\n\nThey can be counted with the sieve of Eratosthenes."
_PRIME_COUNTS = {100: 25, 1000: 168, 10_000: 1229}


def trace_text(words: int, seed: int = 7) -> tuple[str, str]:
    """A trace of about ``words`` words and its answer, the same for the same seed."""
    rng = random.Random(seed)
    n = rng.choice(sorted(_PRIME_COUNTS))
    values = {"n": n, "count": _PRIME_COUNTS[n], "est": round(n / 2.302585 / len(str(n) * 1)), "p": 97}
    parts = [OPENING.format(**values)]
    while sum(len(part.split()) for part in parts) < words:
        a, c = rng.choice((3, 5, 7, 11)), rng.choice((2, 3))
        values.update(a=a, b=a + 2, a2=a * a, b2=(a + 2) ** 2, a2p=a * a + a, a2pp=a * a + 2 * a, c=c,
                      ac=a * c)
        paragraph = "".join(rng.choice(MOVES).format(**values) for _ in range(rng.randint(2, 5)))
        parts.append(paragraph.rstrip() + "\n\n")
    return "".join(parts).rstrip(), ANSWER.format(**values)


def tokens(text: str) -> Iterator[str]:
    """Token-like pieces: words with their leading space, punctuation, newlines."""
    yield from re.findall(r" ?\w+|\s+|[^\w\s]", text)


DOUBT = frozenset({"Wait", "Hmm", "Alternatively", "But", "maybe"})


def logprob_entry(piece: str, after_doubt: bool, rng: random.Random) -> dict[str, object]:
    """A made-up ``logprobs.content`` entry: sure words, less sure numbers, unsure doubt words."""
    word = piece.strip()
    if word in DOUBT:
        logprob = -rng.uniform(1.5, 3.5)
    elif word.isdigit() or after_doubt:
        logprob = -rng.uniform(0.3, 1.5)
    else:
        logprob = -rng.expovariate(8.0)
    rest = 1.0 - math.exp(logprob)
    top = [{"token": piece, "logprob": logprob}]
    top += [{"token": f" alt{i}", "logprob": math.log(max(1e-6, rest * share))}
            for i, share in enumerate((0.5, 0.25, 0.15, 0.1))]
    return {"token": piece, "logprob": logprob, "top_logprobs": top}


def sse(field: str, piece: str) -> bytes:
    """One chunk of a streamed chat completion, as a server sends it."""
    chunk = {"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {field: piece}}]}
    return f"data: {json.dumps(chunk)}\n\n".encode()


def sse_done() -> bytes:
    done = {"object": "chat.completion.chunk",
            "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
    return f"data: {json.dumps(done)}\n\ndata: [DONE]\n\n".encode()


def events(words: int, rate: float, inline: bool, logprobs: bool = False) -> Iterator[bytes]:
    trace, answer = trace_text(words)
    rng = random.Random(11)
    after_doubt = 0  # tokens since a doubt word: the next few are less sure too
    delay = 1.0 / rate if rate > 0 else 0.0
    pieces = itertools.chain(
        (("reasoning_content", piece) for piece in tokens(trace)) if not inline
        else (("content", piece) for piece in tokens("<think>\n" + trace + "\n</think>\n\n")),
        (("content", piece) for piece in tokens(answer)),
    )
    for field, piece in pieces:
        choice: dict[str, object] = {"index": 0, "delta": {field: piece}}
        if logprobs:
            choice["logprobs"] = {"content": [logprob_entry(piece, after_doubt > 0, rng)]}
            after_doubt = 6 if piece.strip() in DOUBT else max(0, after_doubt - 1)
        chunk = {"object": "chat.completion.chunk", "choices": [choice]}
        yield f"data: {json.dumps(chunk)}\n\n".encode()
        time.sleep(delay)
    yield sse_done()


def make_server(port: int, words: int, rate: float, inline: bool = False, *,
                logprobs: bool = False,
                stream: Callable[[], Iterable[bytes]] | None = None) -> ThreadingHTTPServer:
    """The replay server, bound on loopback (port 0: any free one), not yet serving.
    ``stream``: what each chat request gets instead of the replayed trace (SSE bytes)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            if stream is None:  # a bench's own stream is not logged
                super().log_message(format, *args)

        def do_GET(self) -> None:
            body = json.dumps({"object": "list", "data": [{"id": "deepseek-r1-replay", "object": "model"}]})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body.encode())

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                for data in stream() if stream is not None else events(words, rate, inline, logprobs):
                    self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                    self.wfile.flush()
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the app stopped the reply

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


def serve(port: int, words: int, rate: float, inline: bool, logprobs: bool = False) -> None:
    server = make_server(port, words, rate, inline, logprobs=logprobs)
    print(f"replaying a {words}-word trace at {rate} tokens/s on http://127.0.0.1:{port}/v1", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--rate", type=float, default=48.0, help="tokens per second (0: as fast as possible)")
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--inline", action="store_true",
                        help="inline <think> text instead of reasoning_content")
    parser.add_argument("--logprobs", action="store_true", help="send made-up per-token log-probabilities")
    args = parser.parse_args()
    serve(args.port, args.words, args.rate, args.inline, args.logprobs)


if __name__ == "__main__":
    main()
