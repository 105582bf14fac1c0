import { isLoopback, splitDataUrls } from './workplace';

describe('workplace', () => {
  it('moves data: URLs of a stylesheet into files of their own, which a CSP of self allows', () => {
    const font = Buffer.from('a font').toString('base64');
    const { css, files } = splitDataUrls(
      `@font-face{src:url(data:font/woff2;base64,${font}) format('woff2')} .a{background:url("data:image/png;base64,AAAA")} .b{background:url(x.png)}`,
      '/assets/',
    );
    expect(css).not.toMatch(/data:/);
    expect(css).toContain('.b{background:url(x.png)}');
    expect([...files.keys()].map((name) => name.replace(/^[0-9a-f]{16}/, 'hash'))).toEqual(['hash.woff2', 'hash.png']);
    const [fontName] = [...files.keys()];
    expect(css).toContain(`url(/assets/${fontName})`);
    expect(files.get(fontName)).toEqual({ body: Buffer.from('a font'), type: 'font/woff2' });
  });

  it('gives development tokens to this machine only', () => {
    expect(['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.5', '172.18.0.1', '::ffff:192.168.1.2', '', undefined].some(isLoopback)).toBe(false);
  });
});
