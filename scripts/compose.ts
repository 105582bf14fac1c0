import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@durchstarten/kit';
import { buildSchemaArtifacts } from './schema-artifacts';

/** `npm run compose`: writes schema/subgraphs/*.graphql, schema/supergraph.yaml and schema/supergraph.graphql. */
async function main(): Promise<void> {
  const artifacts = await buildSchemaArtifacts();
  const schemaDir = join(repoRoot(), 'schema');
  mkdirSync(join(schemaDir, 'subgraphs'), { recursive: true });
  for (const subgraph of artifacts.subgraphs) {
    writeFileSync(
      join(schemaDir, 'subgraphs', `${subgraph.name}.graphql`),
      subgraph.sdl.endsWith('\n') ? subgraph.sdl : `${subgraph.sdl}\n`,
    );
  }
  writeFileSync(join(schemaDir, 'supergraph.yaml'), artifacts.supergraphYaml);
  writeFileSync(join(schemaDir, 'supergraph.graphql'), `${artifacts.supergraphSdl}\n`);
  process.stdout.write(`composed ${artifacts.subgraphs.map((s) => s.name).join(', ')} into schema/supergraph.graphql\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
