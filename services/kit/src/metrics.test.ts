import { metricsPortFrom, metricsPortSetting, loadConfig } from './config';
import { createServiceMetrics, MAX_OPERATION_LABELS, outcomeLabel, startMetricsServer } from './metrics';

describe('service metrics', () => {
  it('keep operation labels bounded: GraphQL names only, 64 characters, and the names beyond the limit count as other', () => {
    const metrics = createServiceMetrics('test');
    expect(metrics.operationLabel(undefined)).toBe('anonymous');
    expect(metrics.operationLabel('not a name; DROP')).toBe('invalid');
    expect(metrics.operationLabel('A'.repeat(100))).toBe('A'.repeat(64));
    for (let i = 0; i < MAX_OPERATION_LABELS; i += 1) metrics.operationLabel(`Operation${i}`);
    expect(metrics.operationLabel('OneTooMany')).toBe('other');
    expect(metrics.operationLabel('Operation1')).toBe('Operation1');
  });

  it('name the outcome by the first error code, or by the HTTP status when GraphQL never ran', () => {
    expect(outcomeLabel([], 200)).toBe('ok');
    expect(outcomeLabel(['BAD_USER_INPUT', 'NOT_FOUND'], 200)).toBe('BAD_USER_INPUT');
    expect(outcomeLabel([], 401)).toBe('HTTP_401');
    expect(outcomeLabel(['free text from somewhere'], 200)).toBe('OTHER_ERROR');
  });

  it('are served at GET /metrics only, each service from its own registry', async () => {
    const gateway = createServiceMetrics('gateway');
    const kreis = createServiceMetrics('kreis');
    gateway.requests.inc({ operation: 'Journey', outcome: 'ok' });
    const server = await startMetricsServer(gateway.registry, 0, '127.0.0.1');
    try {
      const text = await (await fetch(server.url)).text();
      expect(text).toContain('graphql_requests_total{operation="Journey",outcome="ok",service="gateway"} 1');
      expect(text).toContain('process_cpu_user_seconds_total{service="gateway"}');
      expect(await kreis.registry.metrics()).not.toContain('operation="Journey"');
      expect((await fetch(new URL('/', server.url))).status).toBe(404);
      expect((await fetch(server.url, { method: 'POST' })).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('name METRICS_PORT when its port is taken', async () => {
    const metrics = createServiceMetrics('kreis');
    const first = await startMetricsServer(metrics.registry, 0, '127.0.0.1');
    try {
      const port = Number(new URL(first.url).port);
      await expect(startMetricsServer(metrics.registry, port, '127.0.0.1')).rejects.toThrow(
        `cannot serve metrics on 127.0.0.1:${port} (METRICS_PORT): EADDRINUSE`,
      );
    } finally {
      await first.close();
    }
  });
});

describe('METRICS_PORT', () => {
  const load = (value?: string) =>
    loadConfig({ METRICS_PORT: metricsPortSetting({ default: '' }) }, value === undefined ? {} : { METRICS_PORT: value }).METRICS_PORT;

  it('defaults to the service port + 100, takes a port, and off turns metrics off', () => {
    expect(metricsPortFrom(load(), 4001)).toBe(4101);
    expect(metricsPortFrom(load('9464'), 4001)).toBe(9464);
    expect(metricsPortFrom(load('0'), 4001)).toBe(0);
    expect(metricsPortFrom(load('off'), 4001)).toBeUndefined();
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => load('on')).toThrow(/METRICS_PORT is malformed/);
    expect(() => load('70000')).toThrow(/METRICS_PORT is malformed/);
  });
});
