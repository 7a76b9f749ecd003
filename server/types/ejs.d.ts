// ejs 7 ships no type declarations; this declares the one function Handoff calls.
declare module 'ejs' {
  export type Data = Record<string, unknown>;
  export interface Options {
    root?: string;
    cache?: boolean;
  }
  export function renderFile(
    path: string,
    data: Data,
    options: Options,
    callback: (error: Error | null, html?: string) => void,
  ): void;
  const ejs: { renderFile: typeof renderFile };
  export default ejs;
}
