"""``denkspur``'s argument parser and dispatch: the same core as the app, for scripts and tools.

The JSON shapes printed here are a contract other tools rely on; extend them, do
not rename fields.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from pathlib import Path

from denkspur import __version__
from denkspur.cli.exit_codes import EXIT_USAGE
from denkspur.core.models.gpu_layers import GpuLayers, GpuOffload, parse_gpu_layers

log = logging.getLogger("denkspur.cli")



def _gpu_layers(value: str) -> GpuLayers:
    layers = parse_gpu_layers(value)  # -1 keeps llama.cpp's meaning: all
    if layers is None:
        raise argparse.ArgumentTypeError("expected a number of layers, -1 or 'all', or 'auto'")
    return layers


def _conversation_id(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 0 < number < 2**63:  # SQLite's ids are 64-bit: a larger one raised OverflowError
        raise argparse.ArgumentTypeError("expected a conversation id (a positive number)")
    return number


def _not_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def _positive(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError("must be a positive number")
    return number


def _temperature(value: str) -> float:
    number = float(value)
    if not 0.0 <= number <= 100.0:  # also refuses nan
        raise argparse.ArgumentTypeError("expected a temperature from 0 to 100 (R1: 0.6)")
    return number


def _top_p(value: str) -> float:
    number = float(value)
    if not 0.0 < number <= 1.0:  # also refuses nan
        raise argparse.ArgumentTypeError("expected a probability above 0, at most 1 (R1: 0.95)")
    return number


def _add_server_arguments(chat: argparse.ArgumentParser) -> None:
    """``chat``'s options for an OpenAI-compatible server."""
    chat.add_argument("--server", default=None, metavar="URL",
                      help="use an OpenAI-compatible server instead of a local model "
                      "(API key from DENKSPUR_API_KEY or the OS keyring)")
    chat.add_argument("--insecure", action="store_true",
                      help="with --server: do not verify TLS certificates")
    chat.add_argument("--timeout", type=float, default=60.0,
                      help="with --server: seconds the server may stay silent (no complete line)")
    chat.add_argument("--deadline", type=float, default=3600.0,
                      help="with --server: wall-clock limit of the whole reply, in seconds")
    chat.add_argument("--reasoning", choices=("detect", "template", "none"), default="detect",
                      help="with --server: how the reply carries reasoning: detect it from the reply "
                      "(default), a trace opened by the server's template, or no reasoning")


def _add_thinking_arguments(chat: argparse.ArgumentParser) -> None:
    """``chat``'s options that act on the reasoning (#15)."""
    chat.add_argument("--trace-prefix", default="", metavar="TEXT",
                      help="the reasoning starts with TEXT and the model continues it (local models)")
    chat.add_argument("--think-longer", type=_not_negative, default=0, metavar="N",
                      help="when the model ends its thinking, have it go on ('Wait,') up to N times")
    chat.add_argument("--budget", type=_positive, default=None, metavar="N",
                      help="thinking budget in tokens: then the model finishes its sentence and answers")
    chat.add_argument("--probe-every", type=_not_negative, default=0, metavar="N",
                      help="every N trace sentences, ask what the model would answer now; the done "
                           "event's stats say where the answer settled (local models)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="denkspur",
        description="Run DeepSeek-R1 reasoning models offline and watch them think. "
        "Without a command, the desktop app starts.",
    )
    parser.add_argument("--version", action="version", version=f"denkspur {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    chat = commands.add_parser("chat", help="ask a local model one question and stream its reasoning")
    chat.add_argument("--model", type=Path, default=None,
                      help="path of a GGUF model file, or the id of an installed model; "
                      "with --server: the server's model name (default: the first it lists)")
    _add_server_arguments(chat)
    chat.add_argument("--json", action="store_true", help="print one JSON event per line")
    chat.add_argument("--max-tokens", type=_positive, default=4096, help="reply limit (tokens)")
    chat.add_argument("--ctx", type=_positive, default=4096, help="context size (tokens)")
    chat.add_argument("--gpu-layers", type=_gpu_layers, default=GpuOffload.AUTO,
                      help="layers to offload to the GPU: N, all (or -1), or auto (default)")
    chat.add_argument("--threads", type=_positive, default=None, help="CPU threads")
    chat.add_argument("--temperature", type=_temperature, default=0.6, help="sampling temperature (R1: 0.6)")
    chat.add_argument("--top-p", type=_top_p, default=0.95, help="nucleus sampling (R1: 0.95)")
    chat.add_argument("--seed", type=int, default=None, help="sampling seed (reproducible output)")
    _add_thinking_arguments(chat)
    chat.add_argument("--signals", action="store_true",
                      help="record per-token log-probability, entropy and top-5 alternatives")
    chat.add_argument("--save", action="store_true",
                      help="keep the exchange (trace included) as a new conversation in the app")
    chat.add_argument("--conversation", type=_conversation_id, default=None, metavar="ID",
                      help="continue a stored conversation (its history is sent; the new turn is saved)")
    chat.add_argument("--engine-fault", default=None, help=argparse.SUPPRESS)
    chat.add_argument("prompt", help="the question, or - to read it from stdin")

    models = commands.add_parser("models", help="the model catalog, downloads and installed models")
    model_commands = models.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    listing = model_commands.add_parser("list", help="catalog entries and installed models")
    listing.add_argument("--json", action="store_true", help="print JSON")
    fit = model_commands.add_parser("fit", help="which models fit this machine, and how")
    fit.add_argument("--ctx", type=_positive, default=4096, help="context size to plan for (tokens)")
    fit.add_argument("--json", action="store_true", help="print JSON")
    download = model_commands.add_parser("download", help="download a catalog model (resumable)")
    download.add_argument("id", help="catalog id, see 'denkspur models list'")
    download.add_argument("--dir", type=Path, default=None, help="model folder (default: settings)")
    imported = model_commands.add_parser("import", help="add a local GGUF file to the model list")
    imported.add_argument("path", type=Path)
    remove = model_commands.add_parser("rm", help="remove an installed model (deletes downloaded files)")
    remove.add_argument("id")
    remove.add_argument("-y", "--yes", action="store_true", help="do not ask")

    corpus = commands.add_parser("corpus", help="the explained DeepSeek-R1 news articles")
    corpus_commands = corpus.add_subparsers(dest="corpus_command", metavar="ACTION", required=True)
    corpus_list = corpus_commands.add_parser("list", help="the articles")
    claims = corpus_commands.add_parser("claims", help="every checked claim, with verdict and sources")
    claims.add_argument("--article", default=None, help="only this article (corpus id)")
    glossary = corpus_commands.add_parser("glossary", help="terms the articles use or misuse")
    for sub in (corpus_list, claims, glossary):
        sub.add_argument("--json", action="store_true", help="print JSON")
        sub.add_argument("--lang", choices=("en", "de"), default="en", help="language of the texts")
        sub.add_argument("--corpus", type=Path, default=None,
                         help="folder with the article texts (default: DENKSPUR_CORPUS or ../shared/corpus)")

    trace = commands.add_parser("trace", help="work with reasoning traces")
    trace_commands = trace.add_subparsers(dest="trace_command", metavar="ACTION", required=True)
    split = trace_commands.add_parser(
        "split", help="split raw model output into trace, answer and steps (JSON)"
    )
    split.add_argument("file", nargs="?", default="-", help="raw output file, or - for stdin")
    split.add_argument("--assume-open", action="store_true",
                       help="the prompt already ended with <think>: output starts inside the trace")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.command == "chat":
        from denkspur.cli.chat import run_chat

        if args.model is None and args.server is None:
            parser.error("chat needs --model PATH (or --server URL)")
        return run_chat(args)
    if args.command == "trace":
        from denkspur.cli.trace import run_trace

        return run_trace(args)
    if args.command == "corpus":
        from denkspur.cli.corpus import run_corpus

        return run_corpus(args)
    if args.command == "models":
        from denkspur.cli.models import run_models

        return run_models(args)
    parser.print_help()
    return EXIT_USAGE
