import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { createApp } from '../server/app';
import { createHttpServer, subclassOn } from '../server/http-server';
import { makeTestApp, signedInAgent } from './helpers/app';

describe('createHttpServer', () => {
  let app: ReturnType<typeof createApp>;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ app, cleanup } = await makeTestApp());
  });
  afterAll(() => cleanup());

  it("creates each request and response on the app's own prototypes, before express sees them", async () => {
    const server = createHttpServer(app);
    const seen: [object | null, object | null][] = [];
    server.prependListener('request', (req, res) => seen.push([Object.getPrototypeOf(req), Object.getPrototypeOf(res)]));
    await request(server).get('/healthz').expect(200);
    await request(server).get('/no-such-page').expect(404);
    expect(seen).toEqual([
      [app.request, app.response],
      [app.request, app.response],
    ]);
  });

  // The same requests through express's own server (http.createServer(app), as supertest
  // makes it from the app) and through ours: the answers must not differ.
  const SCENARIO = '/api/scenarios/ed-ankle-fracture-ladder';
  const SUBMISSION = { diagnoses: ['S82.62XA', 'W11.XXXA'], procedures: ['99284-25'] };
  it.each<[string, (agent: ReturnType<typeof request.agent>, csrf: string) => request.Test, number]>([
    ['a page', (agent) => agent.get('/'), 200],
    ['a static file', (agent) => agent.get('/static/styles.css'), 200],
    ['an attempt posted', (agent, csrf) => agent.post(`${SCENARIO}/attempts`).set('x-csrf-token', csrf).send(SUBMISSION), 201],
    ['an attempt posted without the CSRF token', (agent) => agent.post(`${SCENARIO}/attempts`).send(SUBMISSION), 403],
    ['malformed JSON', (agent) => agent.post(`${SCENARIO}/grade`).set('content-type', 'application/json').send('{"diagnoses": ['), 400],
    ['a body over the limit', (agent) => agent.post(`${SCENARIO}/grade`).send({ diagnoses: ['x'.repeat(40 * 1024)] }), 413],
    ['an unknown API path', (agent) => agent.get('/api/no-such-thing'), 404],
    ['a HEAD request', (agent) => agent.head('/'), 200],
  ])('answers %s as express on its own would', async (_name, send, status) => {
    const answers = [];
    for (const target of [app, createHttpServer(app)]) {
      const { agent, csrf } = await signedInAgent(target);
      const res = await send(agent, csrf);
      answers.push({ status: res.status, type: res.type, headers: { csp: res.headers['content-security-policy'], nosniff: res.headers['x-content-type-options'] }, body: withoutIds(res.text ?? '') });
    }
    expect(answers[0].status).toBe(status);
    expect(answers[1]).toEqual(answers[0]);
  });

  it('answers a client that waits for "100 Continue" before sending its body', async () => {
    const server = createHttpServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const body = JSON.stringify(SUBMISSION);
      const answer = await new Promise<{ continued: boolean; status?: number; text: string }>((resolve, reject) => {
        let continued = false;
        const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: `${SCENARIO}/grade`, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' } });
        req.on('continue', () => {
          continued = true;
          req.end(body);
        });
        req.on('response', (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ continued, status: res.statusCode, text }));
        });
        req.on('error', reject);
      });
      expect(answer.continued).toBe(true);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toMatchObject({ scenarioId: 'ed-ankle-fracture-ladder', findings: expect.arrayContaining([expect.objectContaining({ kind: 'laterality' })]) });
    } finally {
      server.close();
    }
  });
});

/** Attempt ids, times and CSRF tokens differ from one request to the next. */
function withoutIds(text: string): string {
  return text.replace(/"(id|attemptId|submittedAt)":"[^"]+"/g, '"$1":"…"').replace(/(name="csrf-token" content="|name="_csrf" value=")[^"]+/g, '$1…');
}

describe('subclassOn', () => {
  class NotNodes extends http.IncomingMessage {}

  it('builds objects that Base initialises, on the prototype given', () => {
    const prototype = Object.create(http.ServerResponse.prototype, { marker: { value: 'mine' } });
    const Response = subclassOn(http.ServerResponse, prototype)!;
    const req = new http.IncomingMessage(null as never);
    const res = new Response(req);
    expect(Object.getPrototypeOf(res)).toBe(prototype);
    expect(res).toBeInstanceOf(http.ServerResponse);
    expect((res as unknown as { marker: string }).marker).toBe('mine');
    expect(res.req).toBe(req); // set by ServerResponse itself
    expect(res.statusCode).toBe(200);
  });

  it.each<[string, () => unknown, RegExp | undefined]>([
    ['a prototype that does not inherit from Base', () => subclassOn(http.IncomingMessage, Object.create(http.ServerResponse.prototype)), /IncomingMessage: the prototype given does not inherit/],
    ['a Base that is a class (cannot be called on an existing object)', () => subclassOn(NotNodes as typeof http.IncomingMessage, Object.create(NotNodes.prototype)), undefined],
  ])('refuses %s', (_name, make, error) => {
    if (error) expect(make).toThrow(error);
    else expect(make()).toBeUndefined();
  });
});
