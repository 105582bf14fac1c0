#!/usr/bin/env bash
# Smoke test of the README's first command: npm start brings up all five services
# on the embedded databases, answers an authenticated query through the gateway,
# and stops every service on SIGINT. Uses its own ports so it can run beside a dev graph, and two
# gateway workers (GATEWAY_WORKERS) so that path is started, served and stopped too.
set -uo pipefail
cd "$(dirname "$0")/.."
export GATEWAY_WORKERS=2 GRAPH_PORT_OFFSET=10000
GATEWAY_PORT=14000
log=$(mktemp)
fail() { echo "smoke-start: $*"; tail -20 "$log"; exit 1; }

# Its own session and process group, so that every process it starts is found by the group's id, not by name.
setsid npm start >"$log" 2>&1 &
group=$!
for _ in $(seq 1 240); do grep -q "Durchstarten graph:" "$log" && break; sleep 0.5; done
grep -q "Durchstarten graph:" "$log" || fail "the graph did not become ready"
launcher=$(ps -o pid= -o args= -g "$group" | awk '$2 == "node" && $3 == "dist/scripts/start.js" { print $1; exit }')
[ -n "$launcher" ] || fail "the launcher process was not found in its process group"
token=$(npm run -s token -- --org kreis --role caseworker) || fail "npm run token failed"
answer=$(curl -s "http://127.0.0.1:${GATEWAY_PORT}/graphql" -H 'content-type: application/json' \
  -H "authorization: Bearer ${token}" -d '{"query":"{ participants { totalCount } }"}')
total=$(echo "$answer" | sed -n 's/.*"totalCount":\([0-9]*\).*/\1/p')
[ "${total:-0}" -ge 380 ] || fail "expected the seeded 380 participants or more: $answer"
analyst=$(npm run -s token -- --org kreis --role analyst) || fail "npm run token failed for an analyst"
statistics=$(curl -s "http://127.0.0.1:${GATEWAY_PORT}/graphql" -H 'content-type: application/json' \
  -H "authorization: Bearer ${analyst}" \
  -d '{"query":"{ statistics(by: [BANK]) { participants { value } withInternship { value } withPlacement { value } } }"}')
echo "$statistics" | grep -q '"withPlacement"' && ! echo "$statistics" | grep -q '"errors"' ||
  fail "kreis could not count with the providers and agentur: $statistics"
# Metrics on each service's port + 100: the gateway's primary sums its two workers; the public port does not serve them.
gateway_metrics=$(curl -s "http://127.0.0.1:$((GATEWAY_PORT + 100))/metrics")
echo "$gateway_metrics" | grep -q '^graphql_requests_total{operation="anonymous",outcome="ok",service="gateway"} [1-9]' ||
  fail "the gateway's metrics do not count the queries: $(echo "$gateway_metrics" | grep graphql_requests_total)"
echo "$gateway_metrics" | grep -q '^gateway_subgraph_fetch_duration_seconds_count{subgraph="kreis",result="ok",service="gateway"} [1-9]' ||
  fail "the gateway's metrics do not count its fetches from kreis"
curl -s "http://127.0.0.1:$((GATEWAY_PORT + 101))/metrics" | grep -q '^db_sqlite_transactions_queued{service="kreis"}' ||
  fail "kreis serves no metrics at its port + 100"
public_metrics=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${GATEWAY_PORT}/metrics")
[ "$public_metrics" = 404 ] || fail "the public port answers /metrics with $public_metrics"
grep -q '"message":"request"' "$log" || fail "no request line in the services' log"
unauthenticated=$(curl -s "http://127.0.0.1:${GATEWAY_PORT}/graphql" -H 'content-type: application/json' -d '{"query":"{ participants { totalCount } }"}')
echo "$unauthenticated" | grep -q UNAUTHENTICATED || fail "a request without token was not refused: $unauthenticated"
kill -INT "$launcher"
for _ in $(seq 1 40); do pgrep -g "$group" >/dev/null || break; sleep 0.5; done
if pgrep -g "$group" >/dev/null; then
  kill -KILL -- "-$group"
  fail "services were still running after SIGINT to the launcher"
fi
grep -q "stopping all services" "$log" || fail "the launcher did not stop the services"
# The log is a file, not a terminal: the service names carry no colour codes.
if grep -q $'\x1b' "$log"; then fail "the log written to a file contains ANSI escape codes"; fi
echo "smoke-start: ready, answered, counted, stopped cleanly"
