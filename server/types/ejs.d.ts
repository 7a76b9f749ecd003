// ejs 7 ships no type declarations; this declares the two functions Handoff calls.
declare module 'ejs' {
  export type Data = Record<string, unknown>;
  export interface Options {
    root?: string;
    cache?: boolean;
    /** The template's own path: includes and error messages are resolved against it. */
    filename?: string;
  }
  export function renderFile(
    path: string,
    data: Data,
    options: Options,
    callback: (error: Error | null, html?: string) => void,
  ): void;
  export function compile(template: string, options: Options): (data: Data) => string;
  const ejs: { renderFile: typeof renderFile; compile: typeof compile };
  export default ejs;
}
