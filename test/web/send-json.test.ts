import express from 'express';
import request from 'supertest';
import { sendJson } from '../../server/web/send-json';

describe('sendJson', () => {
  it.each([
    { case: 'plain ASCII', value: { code: 'S01.01XA', units: 1 } },
    { case: 'characters of two and three bytes', value: { title: 'Ménière’s disease — right ear', note: '≥ 7.5 cm' } },
    { case: 'a body over 4 KB', value: { findings: Array.from({ length: 200 }, (_, i) => ({ index: i, message: `finding ${i} – explained` })) } },
  ])('sends $case whole, with the status, type and exact byte length', async ({ value }) => {
    const app = express();
    app.get('/', (_req, res) => sendJson(res, 201, value));
    const res = await request(app).get('/');
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(value)));
    expect(res.body).toEqual(value);
  });
});
