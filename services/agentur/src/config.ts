import { defaultSqliteUrl, loadConfig, subgraphConfigSpec } from '@durchstarten/kit';

export function loadAgenturConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(subgraphConfigSpec({ port: 4004, database: defaultSqliteUrl('agentur') }, env), env);
}
