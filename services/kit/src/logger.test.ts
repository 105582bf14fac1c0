import { createLogger } from './logger';

describe('the logger', () => {
  it('writes one JSON object a line with time, level name, service and message, from LOG_LEVEL up', () => {
    const lines: string[] = [];
    const logger = createLogger('kreis', 'warn', { write: (line) => void lines.push(line) });
    logger.debug('not written');
    logger.info('not written either');
    logger.warn('slow database statement', { ms: 1200 });
    logger.error('audit entry could not be written', { error: 'QueryFailedError' });
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.endsWith('\n') && !line.slice(0, -1).includes('\n')).toBe(true);
    const [warning, error] = lines.map((line) => JSON.parse(line));
    expect(warning).toMatchObject({ level: 'warn', service: 'kreis', message: 'slow database statement', ms: 1200 });
    expect(new Date(warning.time).toISOString()).toBe(warning.time);
    expect(error).toMatchObject({ level: 'error', message: 'audit entry could not be written', error: 'QueryFailedError' });
  });

  it('writes debug lines at LOG_LEVEL debug', () => {
    const lines: string[] = [];
    createLogger('gateway', 'debug', { write: (line) => void lines.push(line) }).debug('planning', { subgraphs: 3 });
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'debug', service: 'gateway', message: 'planning', subgraphs: 3 });
  });
});
