import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@durchstarten/kit';
import { graphManifest, ProviderRegistry, providerRegistryPath } from '@durchstarten/contracts';
import { composeFileFor } from './docker-compose-file';
import { buildSchemaArtifacts } from './schema-artifacts';

/**
 * `npm run compose`: from the provider registry (PROVIDER_REGISTRY, else services/kreis/providers.json)
 * writes schema/subgraphs/*.graphql, schema/supergraph.yaml, schema/supergraph.graphql and docker-compose.yml.
 */
async function main(): Promise<void> {
  const registryPath = providerRegistryPath();
  const artifacts = await buildSchemaArtifacts(registryPath);
  const schemaDir = join(repoRoot(), 'schema');
  mkdirSync(join(schemaDir, 'subgraphs'), { recursive: true });
  // A subgraph no longer in the registry leaves no SDL behind.
  const names = new Set(artifacts.subgraphs.map((s) => `${s.name}.graphql`));
  for (const file of readdirSync(join(schemaDir, 'subgraphs'))) if (!names.has(file)) rmSync(join(schemaDir, 'subgraphs', file));
  for (const subgraph of artifacts.subgraphs) {
    writeFileSync(
      join(schemaDir, 'subgraphs', `${subgraph.name}.graphql`),
      subgraph.sdl.endsWith('\n') ? subgraph.sdl : `${subgraph.sdl}\n`,
    );
  }
  writeFileSync(join(schemaDir, 'supergraph.yaml'), artifacts.supergraphYaml);
  writeFileSync(join(schemaDir, 'supergraph.graphql'), `${artifacts.supergraphSdl}\n`);
  writeFileSync(join(repoRoot(), 'docker-compose.yml'), composeFileFor(graphManifest(ProviderRegistry.fromFile(registryPath))));
  process.stdout.write(
    `composed ${artifacts.subgraphs.map((s) => s.name).join(', ')} into schema/supergraph.graphql; wrote docker-compose.yml\n`,
  );
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
