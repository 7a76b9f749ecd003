/**
 * Request and response classes born with an express app's own prototypes, for the HTTP
 * server to make its requests and responses from (`http.createServer`'s `IncomingMessage`
 * and `ServerResponse` options).
 *
 * Why: express gives each request and response the app's prototypes as they arrive
 * (`Object.setPrototypeOf(req, app.request)`). V8 then kept every request's objects alive
 * through one or two young-generation collections and copied them into the old generation:
 * a trivial express route at 500 requests per second had 3–5 MB survive each scavenge and
 * 5–8 ms pauses, against 2 KB and 0.4 ms when the objects are born with those prototypes
 * (express leaves a prototype alone when it is already the right one).
 *
 * How, through documented extension points only: `app.request` and `app.response` are the
 * app's own prototypes ("Overriding the Express API"); each is replaced by the prototype of
 * a subclass of Node's class whose chain goes on through express's request (or response)
 * methods, carrying over what was set on the app's prototype. Requests made elsewhere (a
 * test's own server) still get the same prototype from express as before.
 */
import http from 'node:http';
import type express from 'express';

export type ServerClasses = Required<Pick<http.ServerOptions, 'IncomingMessage' | 'ServerResponse'>>;

const made = new WeakMap<express.Express, ServerClasses>();

/** Gives `target` the prototype and own properties of `prototype` (but its own constructor). */
function takeOver(target: object, prototype: object): void {
  Object.setPrototypeOf(target, Object.getPrototypeOf(prototype) as object);
  const { constructor: _ignored, ...own } = Object.getOwnPropertyDescriptors(prototype);
  Object.defineProperties(target, own);
}

export function serverClasses(app: express.Express): ServerClasses {
  const known = made.get(app);
  if (known) return known;
  class AppRequest extends http.IncomingMessage {}
  class AppResponse<
    Request extends http.IncomingMessage = http.IncomingMessage,
  > extends http.ServerResponse<Request> {}
  takeOver(AppRequest.prototype, app.request);
  takeOver(AppResponse.prototype, app.response);
  app.request = AppRequest.prototype as express.Request;
  app.response = AppResponse.prototype as unknown as express.Response;
  const classes: ServerClasses = { IncomingMessage: AppRequest, ServerResponse: AppResponse };
  made.set(app, classes);
  return classes;
}
