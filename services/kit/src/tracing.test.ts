import { formatTraceparent, parseTraceparent, traceFor } from './tracing';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';

describe('W3C traceparent', () => {
  it('reads version 00 with a trace id, a parent id and flags', () => {
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-01`)).toEqual({ traceId: TRACE, parentId: PARENT, flags: '01' });
    expect(formatTraceparent(TRACE, PARENT, '00')).toBe(`00-${TRACE}-${PARENT}-00`);
  });

  it.each([
    ['missing', undefined],
    ['repeated', [`00-${TRACE}-${PARENT}-01`, `00-${TRACE}-${PARENT}-01`]],
    ['another version', `01-${TRACE}-${PARENT}-01`],
    ['version ff', `ff-${TRACE}-${PARENT}-01`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${PARENT}-01`],
    ['an all-zero parent id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['upper-case hex', `00-${TRACE.toUpperCase()}-${PARENT}-01`],
    ['a short trace id', `00-${TRACE.slice(1)}-${PARENT}-01`],
    ['no flags', `00-${TRACE}-${PARENT}`],
    ['a field more (not allowed in version 00)', `00-${TRACE}-${PARENT}-01-extra`],
    ['something else', 'not a traceparent'],
  ])('refuses %s', (_what, header) => {
    expect(parseTraceparent(header)).toBeNull();
  });

  it('continues a valid trace with a span of its own, and starts a new one otherwise', () => {
    const continued = traceFor(`00-${TRACE}-${PARENT}-01`);
    expect(continued).toMatchObject({ traceId: TRACE, flags: '01' });
    expect(continued.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(continued.spanId).not.toBe(PARENT);
    const fresh = traceFor(`00-${'0'.repeat(32)}-${PARENT}-01`);
    expect(fresh.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(fresh.traceId).not.toBe('0'.repeat(32));
    expect(fresh.flags).toBe('00');
    expect(traceFor(undefined).traceId).not.toBe(fresh.traceId);
  });
});
