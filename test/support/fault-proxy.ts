import net, { type AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of a subgraph that can hang it: in `hang` mode it accepts
 * connections and reads what is sent but never forwards or answers, as a subgraph
 * stuck in a long statement or stopped with SIGSTOP looks from the gateway.
 * Connections opened while passing keep passing; a hang takes new connections.
 */
export interface FaultProxy {
  url: string;
  mode: 'pass' | 'hang';
  /** HTTP requests that reached the proxy while it hung (counted by their request lines). */
  readonly hungRequests: number;
  /** Ends every connection, the held ones too. */
  close(): Promise<void>;
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let hungRequests = 0;
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (proxy.mode === 'hang') {
      client.on('data', (chunk) => {
        hungRequests += chunk.toString('latin1').match(/^POST \S+ HTTP\/1\.1\r$/gm)?.length ?? 0;
      });
      return;
    }
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname}`,
    mode: 'pass',
    get hungRequests() {
      return hungRequests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
