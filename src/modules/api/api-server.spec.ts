import { assertBindAllowed, isLoopbackHost } from './api-server';

describe('binding rules of the API server', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])('counts %s as loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', 'example.com', '128.0.0.1', '::ffff:10.0.0.1'])('does not count %s as loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it('refuses a host beyond loopback without an API key, in one line naming the fix', () => {
    expect(() => assertBindAllowed('0.0.0.0', [])).toThrow(
      'refusing to listen on 0.0.0.0 without an API key: set TRADINGGROUP_API_KEYS (comma-separated) or listen on 127.0.0.1',
    );
  });

  it('allows loopback without a key and any host with a key', () => {
    expect(() => assertBindAllowed('127.0.0.1', [])).not.toThrow();
    expect(() => assertBindAllowed('0.0.0.0', ['k'])).not.toThrow();
  });
});
