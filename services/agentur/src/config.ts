import { defaultSqliteUrl, loadConfig, subgraphConfigSpec } from '../../kit/src';

export function loadAgenturConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(subgraphConfigSpec({ port: 4004, database: defaultSqliteUrl('agentur') }, env), env);
}
