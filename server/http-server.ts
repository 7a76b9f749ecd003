/**
 * The HTTP server for the app, with the limits a server facing a classroom network needs:
 * a request must arrive whole within `requestTimeout` (a client sending its body slowly
 * cannot hold a connection for Node's default five minutes), its headers within
 * `headersTimeout`, and at most `maxConnections` connections are open at once. Its requests
 * and responses are born with the app's prototypes (see `serverClasses`).
 */
import http from 'node:http';
import type express from 'express';
import { serverClasses } from './express-classes';

export interface ServerLimits {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
};

export function createHttpServer(app: express.Express, limits: Partial<ServerLimits> = {}): http.Server {
  const { requestTimeoutMs, headersTimeoutMs, keepAliveTimeoutMs, maxConnections } = {
    ...DEFAULT_LIMITS,
    ...limits,
  };
  const server = http.createServer(
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout: headersTimeoutMs,
      keepAliveTimeout: keepAliveTimeoutMs,
      ...serverClasses(app),
    },
    app,
  );
  server.maxConnections = maxConnections;
  return server;
}
