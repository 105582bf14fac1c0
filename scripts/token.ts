import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@durchstarten/gateway/auth';
import { subgraphsOf } from '@durchstarten/gateway/supergraph';
import { developmentSecret, signDevelopmentToken } from '@durchstarten/gateway/dev-token';
// The light entry point: the kit's index loads the database and server stacks, which a token does not need.
import { repoRoot } from '@durchstarten/kit/paths';

const USAGE = `Usage: npm run token -- --org <organisation> --role <role> [--role <role>] [--sub NAME] [--ttl 8h]

Prints a development token for the gateway (HS256, signed with JWT_SECRET or the
secret npm start generated in data/dev-secrets.json). Use it as
  Authorization: Bearer <token>
Roles: ${ROLES.join(', ')}.`;

/** `npm run token`: a development token, and nothing where no development secret is configured. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      org: { type: 'string' },
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  // The organisations of the supergraph the gateway serves: SUPERGRAPH_PATH, as the gateway reads it.
  const supergraphPath = process.env.SUPERGRAPH_PATH || join(repoRoot(), 'schema/supergraph.graphql');
  const organisations = Object.keys(subgraphsOf(readFileSync(supergraphPath, 'utf8')));
  if (!values.org || !organisations.includes(values.org)) throw new Error(`--org must be one of: ${organisations.join(', ')}`);
  const roles = values.role ?? [];
  if (roles.length === 0 || !roles.every((role) => (ROLES as readonly string[]).includes(role)))
    throw new Error(`--role must be one of: ${ROLES.join(', ')}`);
  if (!/^\d+[smhd]$/.test(values.ttl)) throw new Error('--ttl must look like 30m, 8h or 2d');
  if (process.env.NODE_ENV === 'production') throw new Error('refusing: development tokens are not for NODE_ENV=production');
  const secret = developmentSecret();
  if (!secret)
    throw new Error(
      'refusing: no development secret is configured. Set JWT_SECRET, or run npm start once (it creates data/dev-secrets.json).',
    );
  const sub = values.sub ?? `${values.org}-${roles[0]}-dev`;
  process.stdout.write(`${await signDevelopmentToken({ sub, org: values.org, roles: roles as Role[] }, secret, values.ttl)}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`token: ${error.message}\n\n${USAGE}\n`);
  process.exit(1);
});
