#!/usr/bin/env bash
# Smoke test of "a new provider needs no code" with the README's first command: a copy of
# the registry with diakonie added (nothing else changed), its supergraph composed from the
# code, and npm start's launcher then runs five subgraphs and the gateway on their own
# databases and ports, and diakonie answers through the gateway. Run after the build
# (smoke-start.sh's npm start builds); stops every process by its process group.
set -uo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
log="$work/launcher.log"
fail() { echo "smoke-new-provider: $*"; tail -20 "$log" 2>/dev/null; rm -rf "$work"; exit 1; }

node -e '
  const { readFileSync, writeFileSync } = require("node:fs");
  const { join } = require("node:path");
  const [work] = process.argv.slice(1);
  const registry = JSON.parse(readFileSync("services/kreis/providers.json", "utf8"));
  registry.providers = registry.providers.filter((p) => p.id !== "diakonie");
  registry.providers.push({ id: "diakonie", name: "Diakonisches Werk im Kirchenkreis Wesel", seat: "Wesel", bank: "RIGHT",
    routingUrl: "http://127.0.0.1:4005/graphql" });
  writeFileSync(join(work, "providers.json"), JSON.stringify(registry, null, 2));
  require("./dist/scripts/schema-artifacts.js").buildSchemaArtifacts(join(work, "providers.json"))
    .then((artifacts) => writeFileSync(join(work, "supergraph.graphql"), artifacts.supergraphSdl))
    .catch((error) => { console.error(error.message); process.exit(1); });
' "$work" || fail "could not compose the supergraph for the registry with diakonie"

export PROVIDER_REGISTRY="$work/providers.json" SUPERGRAPH_PATH="$work/supergraph.graphql" GRAPH_PORT_OFFSET=20000
for org in KREIS KLAUSENHOF FACHWERK DIAKONIE AGENTUR; do export "${org}_DATABASE_URL=sqlite:$work/${org,,}.sqlite"; done
GATEWAY_PORT=24000

setsid node dist/scripts/start.js >"$log" 2>&1 &
group=$!
for _ in $(seq 1 240); do grep -q "Durchstarten graph:" "$log" && break; sleep 0.5; done
grep -q "Durchstarten graph:" "$log" || fail "the graph with diakonie did not become ready"
grep -q "^diakonie  |" "$log" || fail "the launcher did not start diakonie"
ask() { curl -s "http://127.0.0.1:${GATEWAY_PORT}/graphql" -H 'content-type: application/json' -H "authorization: Bearer $1" -d "$2"; }
caseworker=$(npm run -s token -- --org kreis --role caseworker) || fail "npm run token failed"
coach=$(npm run -s token -- --org diakonie --role coach) || fail "npm run token failed for a diakonie coach"
providers=$(ask "$caseworker" '{"query":"{ providers { id } }"}')
echo "$providers" | grep -q '"diakonie"' || fail "kreis does not list diakonie: $providers"
desk=$(ask "$coach" '{"query":"{ diakonie { cases { totalCount } } }"}')
total=$(echo "$desk" | sed -n 's/.*"totalCount":\([0-9]*\).*/\1/p')
[ "${total:-0}" -gt 0 ] || fail "diakonie's desk has no seeded cases for its coach: $desk"
statistics=$(ask "$caseworker" '{"query":"{ statistics(by: [PROVIDER]) { group { value } withInternship { value } } }"}')
echo "$statistics" | grep -q '"value":"diakonie"' && ! echo "$statistics" | grep -q '"errors"' ||
  fail "kreis could not count with diakonie: $statistics"
kill -INT -- "-$group"
for _ in $(seq 1 40); do pgrep -g "$group" >/dev/null || break; sleep 0.5; done
if pgrep -g "$group" >/dev/null; then
  kill -KILL -- "-$group"
  fail "services were still running after SIGINT to the launcher"
fi
rm -rf "$work"
echo "smoke-new-provider: five subgraphs from the registry copy, diakonie answered (${total} cases on its desk), stopped cleanly"
