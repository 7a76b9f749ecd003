import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { serverClasses } from '../server/express-classes';
import { createHttpServer } from '../server/http-server';

/** Whether a request and its response have the app's own prototypes. */
function withAppPrototypes(app: express.Express, req: object, res: object) {
  return Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response;
}

/** An app whose first middleware records what each request and response was made as. */
function recordingApp() {
  const app = express();
  const seen: boolean[] = [];
  (app.response as unknown as { greet: (name: string) => void }).greet = function (
    this: express.Response,
    name: string,
  ) {
    this.type('text').send(`hello ${name}`);
  };
  app.use((req, res, next) => {
    seen.push(withAppPrototypes(app, req, res));
    next();
  });
  app.get('/express-api', (req, res) => {
    res.status(201).json({ host: req.get('host'), query: req.query, sameApp: req.app === app });
  });
  app.get('/greet', (_req, res) => (res as unknown as { greet: (name: string) => void }).greet('class'));
  return { app, seen };
}

async function get(server: ReturnType<typeof createHttpServer>, path: string) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const answer = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: answer.status, text: await answer.text() };
  } finally {
    server.close();
  }
}

describe('serverClasses', () => {
  it('makes the server’s requests and responses with the app’s own prototypes', async () => {
    const { app, seen } = recordingApp();
    const server = createHttpServer(app);
    const beforeExpress: boolean[] = [];
    server.prependListener('request', (req, res) => beforeExpress.push(withAppPrototypes(app, req, res)));
    await get(server, '/express-api');
    expect({ beforeExpress, inExpress: seen }).toEqual({ beforeExpress: [true], inExpress: [true] });
  });

  it.each([
    [
      'the request and response methods',
      '/express-api?cohort=7',
      201,
      '{"host":',
      '"query":{"cohort":"7"},"sameApp":true}',
    ],
    ['a method added to app.response before the server was made', '/greet', 200, 'hello class', ''],
  ])('keeps %s working', async (_label, path, status, starts, ends) => {
    const { app } = recordingApp();
    const answer = await get(createHttpServer(app), path);
    expect(answer.status).toBe(status);
    expect(answer.text.startsWith(starts)).toBe(true);
    expect(answer.text.endsWith(ends)).toBe(true);
  });

  it('gives two servers of one app the same classes', () => {
    const { app } = recordingApp();
    const first = serverClasses(app);
    const prototype = app.request;
    expect(serverClasses(app)).toBe(first);
    expect(app.request).toBe(prototype);
  });

  it('leaves requests made by another server working, with the prototype express gives them', async () => {
    const { app, seen } = recordingApp();
    serverClasses(app);
    const answer = await request(app).get('/express-api?cohort=8');
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ query: { cohort: '8' }, sameApp: true });
    expect(seen).toEqual([true]);
  });
});
