import { createConnection } from 'mysql2/promise';
/** Says once, before any test, which database tiers run and why one is skipped. */
export default async function globalSetup(): Promise<void> {
  if (!process.env.TEST_MYSQL_URL) {
    process.stdout.write('\nDatabase tests run on SQLite only: TEST_MYSQL_URL is not set, so the MySQL/MariaDB tier is skipped.\n');
    return;
  }
  const server = new URL(process.env.TEST_MYSQL_URL);
  server.pathname = '/';
  try {
    const connection = await createConnection({ uri: server.toString(), connectTimeout: 5000 });
    const [rows] = await connection.query('SELECT VERSION() AS version');
    await connection.end();
    process.stdout.write(`\nDatabase tests run on SQLite and on ${(rows as Array<{ version: string }>)[0].version} (TEST_MYSQL_URL).\n`);
  } catch (error) {
    throw new Error(`TEST_MYSQL_URL is set but the server cannot be reached: ${(error as Error).message}`);
  }
}
