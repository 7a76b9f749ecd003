/**
 * The HTTP server for the app, with each request and response created on express's own
 * prototypes.
 *
 * At the start of every request express changes the prototype of Node's request and
 * response objects to the app's (`Object.setPrototypeOf(req, app.request)`). Changing an
 * object's prototype throws away what V8 had learnt about the objects Node's HTTP code
 * handles, so that code runs slowly for every request: measured here (docs/performance.md),
 * the attempt post cost 430–530 µs of main-thread CPU against 290–350 µs with the prototypes
 * already in place. Creating the objects with the app's prototypes makes express's call a
 * no-op (same prototype); if a future express no longer made it, nothing would change but
 * the speed.
 */
import http from 'node:http';
import type express from 'express';

export function createHttpServer(app: express.Express): http.Server {
  const IncomingMessage = subclassOn(http.IncomingMessage, app.request);
  const ServerResponse = subclassOn(http.ServerResponse, app.response);
  if (!IncomingMessage || !ServerResponse) return http.createServer(app);
  return http.createServer({ IncomingMessage, ServerResponse }, app);
}

type NodeConstructor = typeof http.IncomingMessage | typeof http.ServerResponse;

/**
 * A constructor that builds `Base` objects whose prototype is `prototype` (which must
 * itself inherit from `Base.prototype`, as express's request and response do), or
 * undefined where `Base` is a class (it cannot be called on an existing object; Node's are
 * plain functions). Measured: `Reflect.construct(Base, args, Subclass)`, which works for
 * classes too, made the server slower than no subclass at all.
 */
export function subclassOn<T extends NodeConstructor>(Base: T, prototype: object): T | undefined {
  if (!Object.prototype.isPrototypeOf.call(Base.prototype, prototype)) throw new TypeError(`${Base.name}: the prototype given does not inherit from ${Base.name}.prototype`);
  if (/^class\b/.test(Function.prototype.toString.call(Base))) return undefined;
  const Subclass = function (this: object, ...args: unknown[]) {
    Reflect.apply(Base, this, args);
  };
  Subclass.prototype = prototype;
  return Subclass as unknown as T;
}
