// Hive Gateway for the benchmark: its defaults, the subgraph URLs of this run, and the
// plugin that verifies tokens and signs subgraph requests as our subgraphs require.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { useDurchstartenTrust } = require('../../dist/bench/src/targets/hive-plugin.js');

const SUBGRAPHS = Object.keys(process.env)
  .filter((name) => name.startsWith('SUBGRAPH_SECRET_'))
  .map((name) => name.slice('SUBGRAPH_SECRET_'.length).toLowerCase());
const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

export const gatewayConfig = {
  transportEntries: Object.fromEntries(SUBGRAPHS.map((name) => [name, { location: env(`${name.toUpperCase()}_URL`) }])),
  plugins: () => [
    useDurchstartenTrust({
      jwtSecret: env('JWT_SECRET'),
      subgraphSecrets: Object.fromEntries(SUBGRAPHS.map((name) => [name, env(`SUBGRAPH_SECRET_${name.toUpperCase()}`)])),
    }),
  ],
};
