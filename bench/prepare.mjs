// Installs the benchmark's own dependencies (autocannon, Hive Gateway, ...) into bench/node_modules
// when they are missing or older than bench/package-lock.json; the project's install never pulls them.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bench = dirname(fileURLToPath(import.meta.url));
const installed = join(bench, 'node_modules', '.package-lock.json');
const lock = join(bench, 'package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  process.stdout.write('bench: installing the benchmark dependencies (npm ci in bench/)\n');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: bench, stdio: 'inherit' });
}
