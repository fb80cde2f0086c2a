"""One database and size, end to end: database, corpus, gunicorn, the writer, pages cold
and warm, exports, load without and with the writer, and the in-process profile."""

from __future__ import annotations

import argparse

from bench import HOST, log
from bench.client import decode_cursor, get_json
from bench.exports import measure_exports
from bench.load import load_test
from bench.pages import FRESH, Combos, time_cases
from bench.servers import (
    Database,
    Server,
    django_env,
    free_port,
    helper,
    manage,
    prepare_corpus,
    with_statement_timeout,
)
from bench.verdicts import COLD_TARGETS_MS
from bench.writer import Writer


def run_one(vendor: str, size: int, args: argparse.Namespace) -> dict:
    database = Database(vendor, size, args.pg_server)
    log(f"\n=== {vendor}, {size:,} statements ({database.name}) ===")
    database.ensure_exists()
    env = django_env(database)
    manage(env, "migrate", "--no-input")
    manage(env, "createcachetable")
    info, generation, generated_now = prepare_corpus(database, env, args)
    scope = helper(env, "_export_scope", {"rows": args.export_rows})
    scope["rare_word"] = info["rare_word"]
    manage(env, "collectstatic", "--no-input")

    result = {
        "vendor": vendor,
        "size": size,
        "seed": args.seed,
        "database": database.name,
        "generation_seconds": generation,
        "generated_now": generated_now,
        "corpus": {k: info[k] for k in ("statements", "quotes", "articles", "actors", "claims")},
        "busiest_actor": [info["busiest_actor"], info["busiest_actor_statements"]],
        "busiest_claim": [info["busiest_claim"], info["busiest_claim_statements"]],
    }
    combos = Combos(info, args.seed)
    port = free_port()
    server = Server(with_statement_timeout(env, args.statement_timeout), port)
    try:
        server.wait_ready()
        log(f"gunicorn up on {HOST}:{port} (workers {server.workers()}); log {server.log.name}")
        first = get_json(port, "/api/v1/statements/?page_size=1000")
        result["cursor_check"] = {
            "next_link_decodes_to": decode_cursor(first["next"]) if first.get("next") else None,
            "deep_cursor": {"p": str(info["deep_id"])},
        }
        with Writer(env, args.seed) as writer:
            result["pages"] = time_cases(port, info, combos, writer, args)
            if not args.skip_exports:
                result["exports"] = measure_exports(server, database, scope, args, size)
            if not args.skip_load:
                result["load"] = {}
                for kind, with_writer in (("without writer", None), ("with writer", writer)):
                    log(f"  load {kind}: {args.clients} clients for {args.load_seconds:.0f}s...")
                    load = load_test(port, info, combos, args, with_writer)
                    result["load"][kind] = load
                    log(
                        f"  load {kind}: {load['requests']} requests, {load['errors']} errors, "
                        f"{load['throughput']:.1f} req/s, median {load['median_ms'] or 0:.0f} "
                        f"ms, p95 {load['p95_ms'] or 0:.0f} ms, {load['writes']} writes"
                    )
    finally:
        server.stop()
    if not args.no_profile:
        log("  profiling the pages' queries in process...")
        slow = [
            name
            for name, limit in COLD_TARGETS_MS.items()
            if result["pages"][name]["cold"]["median_ms"] >= limit
        ]
        # The fresh cases are profiled with one more combination never requested.
        pages = {
            name: combos.fresh(FRESH[name]) if name in FRESH else page["path"]
            for name, page in result["pages"].items()
        }
        payload = {
            "pages": pages,
            "explain": args.explain,
            "explain_pages": slow,
            "explain_timeout": args.explain_timeout,
            "seed": args.seed,
            "top": 3,
        }
        try:
            profile_env = with_statement_timeout(env, args.statement_timeout)
            result["profile"] = helper(profile_env, "_profile", payload)["pages"]
        except RuntimeError as error:  # the figures above are kept and written anyway
            log(f"  the profile failed; the run's figures are kept:\n{error}")
            result["profile_error"] = str(error)[-2000:]
    return result
