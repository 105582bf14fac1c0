import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { providerRegistryPath, type ProviderRecord } from '@durchstarten/contracts';

/** A third provider as a partner would add one: the README's example (right bank, port 4005). */
export const DIAKONIE: ProviderRecord = {
  id: 'diakonie',
  name: 'Diakonisches Werk im Kirchenkreis Wesel',
  seat: 'Wesel',
  bank: 'RIGHT',
  routingUrl: 'http://127.0.0.1:4005/graphql',
};

/** A copy of the repository's provider registry with `provider` added, in a temporary folder: the only file a new provider changes. */
export function registryWithProvider(provider: ProviderRecord): { path: string; remove(): void } {
  const registry = JSON.parse(readFileSync(providerRegistryPath({}), 'utf8')) as { providers: ProviderRecord[] };
  const dir = mkdtempSync(join(tmpdir(), 'registry-'));
  const path = join(dir, 'providers.json');
  // Once the provider has really joined, the copy keeps one entry for it.
  const others = registry.providers.filter((p) => p.id !== provider.id);
  writeFileSync(path, `${JSON.stringify({ providers: [...others, provider] }, null, 2)}\n`);
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
