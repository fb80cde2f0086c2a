"""One database and size, end to end: database, corpus, gunicorn, pages, exports, load,
and the in-process profile."""

from __future__ import annotations

import argparse
import urllib.parse

from bench import HOST, log
from bench.client import cursor_for, decode_cursor, get_json, time_page
from bench.exports import measure_exports
from bench.load import load_test
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
from bench.verdicts import PAGE_TARGETS_MS


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
    common, rare = info["common_word"], info["rare_word"]
    pages = {
        "statement list": "/statements/",
        "statement list, stance=denied": "/statements/?stance=denied",
        "search, common word": f"/statements/?q={common}",
        "search, rare word": f"/statements/?q={rare}",
        "actor page, busiest actor": f"/actors/{info['busiest_actor']}/",
        "claim page, busiest claim": f"/claims/{info['busiest_claim']}/",
        "home": "/",
        "API list, first page": "/api/v1/statements/",
        "API list, cursor past 90%": "/api/v1/statements/?"
        + urllib.parse.urlencode({"cursor": cursor_for(info["deep_id"])}),
    }
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
        result["pages"] = {}
        for name, path in pages.items():
            timing = time_page(port, path, args)
            result["pages"][name] = timing
            log(
                f"  {name:<32} median {timing['median_ms']:8.1f} ms  "
                f"p95 {timing['p95_ms']:8.1f} ms  {timing['statuses']} {timing['note']}"
            )
        if not args.skip_exports:
            result["exports"] = measure_exports(server, database, scope, args, size)
        if not args.skip_load:
            log(f"  load: {args.clients} clients for {args.load_seconds:.0f}s...")
            result["load"] = load_test(port, info, args)
            load = result["load"]
            log(
                f"  load: {load['requests']} requests, {load['errors']} errors, "
                f"{load['throughput']:.1f} req/s, median {load['median_ms'] or 0:.0f} ms"
            )
    finally:
        server.stop()
    if not args.no_profile:
        log("  profiling the pages' queries in process...")
        slow = [
            name
            for name, limit in PAGE_TARGETS_MS.items()
            if result["pages"][name]["median_ms"] >= limit
        ]
        result["profile"] = helper(
            with_statement_timeout(env, args.statement_timeout),
            "_profile",
            {
                "pages": pages,
                "explain": args.explain,
                "explain_pages": slow,
                "explain_timeout": args.explain_timeout,
                "warm": [n for n, t in result["pages"].items() if t["median_ms"] < 2000],
                "top": 3,
            },
        )["pages"]
    return result
