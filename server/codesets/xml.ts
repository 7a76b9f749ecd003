/**
 * A small XML reader for the ICD-10-CM tabular file: elements, attributes, text,
 * the five predefined entities and numeric references, comments, CDATA and the XML
 * declaration. It builds a tree and refuses malformed or truncated input with the
 * line where it stopped.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, lineOf: () => number): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') return String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
    const value = ENTITIES[ref];
    if (value === undefined) throw new XmlError(`unknown entity ${whole} near line ${lineOf()}`);
    return value;
  });
}

export function parseXml(source: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let i = 0;
  const lineOf = () => source.slice(0, i).split('\n').length;
  const fail = (message: string): never => {
    throw new XmlError(`${message} at line ${lineOf()}`);
  };

  while (i < source.length) {
    const lt = source.indexOf('<', i);
    if (lt === -1) {
      if (source.slice(i).trim() !== '') stack[stack.length - 1].text += decode(source.slice(i), lineOf);
      break;
    }
    if (lt > i) stack[stack.length - 1].text += decode(source.slice(i, lt), lineOf);
    i = lt;
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i + 4);
      if (end === -1) fail('a comment is never closed');
      i = end + 3;
    } else if (source.startsWith('<![CDATA[', i)) {
      const end = source.indexOf(']]>', i + 9);
      if (end === -1) fail('a CDATA section is never closed');
      stack[stack.length - 1].text += source.slice(i + 9, end);
      i = end + 3;
    } else if (source.startsWith('<?', i) || source.startsWith('<!', i)) {
      const end = source.indexOf('>', i);
      if (end === -1) fail('a declaration is never closed');
      i = end + 1;
    } else if (source.startsWith('</', i)) {
      const end = source.indexOf('>', i);
      if (end === -1) fail('a closing tag is cut off');
      const name = source.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open || open === root || open.name !== name) fail(`closing tag </${name}> does not match <${open?.name ?? ''}>`);
      i = end + 1;
    } else {
      const end = source.indexOf('>', i);
      if (end === -1) fail('a tag is cut off');
      const body = source.slice(i + 1, end);
      const selfClosing = body.endsWith('/');
      const match = /^([A-Za-z_][\w.:-]*)([\s\S]*?)\/?$/.exec(body);
      if (!match) fail(`malformed tag <${body.slice(0, 30)}>`);
      const [, name, attributeText] = match as RegExpExecArray;
      const attributes: Record<string, string> = {};
      for (const a of attributeText.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) attributes[a[1]] = decode(a[3] ?? a[4] ?? '', lineOf);
      const element: XmlElement = { name, attributes, children: [], text: '' };
      stack[stack.length - 1].children.push(element);
      if (!selfClosing) stack.push(element);
      i = end + 1;
    }
  }
  if (stack.length > 1) throw new XmlError(`the file ends inside <${stack[stack.length - 1].name}> (truncated?)`);
  const [documentElement, ...others] = root.children;
  if (!documentElement || others.length > 0) throw new XmlError('an XML file has exactly one root element');
  return documentElement;
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function childText(element: XmlElement, name: string): string {
  return (child(element, name)?.text ?? '').trim();
}
