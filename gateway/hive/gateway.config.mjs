// Hive Gateway on the graph's supergraph, with our subgraphs' demands: tokens verified as our
// gateway verifies them, every subgraph request signed, the query limits. It reads the same
// environment as our gateway (README, "Hive Gateway"); build first (npm run build), then:
//   hive-gateway supergraph --config-path gateway/hive/gateway.config.mjs --port 4000
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { hiveGatewayConfig } = require('../dist/hive/config.js');

export const gatewayConfig = hiveGatewayConfig();
