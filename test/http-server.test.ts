import net from 'node:net';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createHttpServer, DEFAULT_LIMITS } from '../server/http-server';

function listen(server: ReturnType<typeof createHttpServer>): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

/** Everything the server sends on a raw connection until it closes it. */
function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

describe('createHttpServer', () => {
  const app = express();
  app.post('/echo', express.text(), (req, res) => res.send(String(req.body)));

  it('sets the limits a classroom server needs by default', () => {
    const server = createHttpServer(app);
    expect({
      requestTimeout: server.requestTimeout,
      headersTimeout: server.headersTimeout,
      keepAliveTimeout: server.keepAliveTimeout,
      maxConnections: server.maxConnections,
    }).toEqual({
      requestTimeout: DEFAULT_LIMITS.requestTimeoutMs,
      headersTimeout: DEFAULT_LIMITS.headersTimeoutMs,
      keepAliveTimeout: DEFAULT_LIMITS.keepAliveTimeoutMs,
      maxConnections: DEFAULT_LIMITS.maxConnections,
    });
  });

  it('answers 408 and closes a request whose body does not arrive in time', async () => {
    const server = createHttpServer(app, { requestTimeoutMs: 200, headersTimeoutMs: 200 });
    // Node looks for overdue requests on this interval (its own option); short here so the test is quick.
    (server as unknown as { connectionsCheckingInterval: number }).connectionsCheckingInterval = 50;
    const port = await listen(server);
    const answer = await rawExchange(
      port,
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nonly ten b',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    server.close();
  });

  it('serves a complete request normally', async () => {
    const server = createHttpServer(app);
    const port = await listen(server);
    const answer = await rawExchange(
      port,
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200[\s\S]*\r\n\r\nhello$/);
    server.close();
  });

  it('closes connections beyond the cap', async () => {
    const server = createHttpServer(app, { maxConnections: 1 });
    const port = await listen(server);
    const first = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => first.once('connect', resolve));
    const refused = await rawExchange(port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(refused).toBe('');
    first.destroy();
    server.close();
  });
});
