const escape = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

function value(tag: string, v: unknown): string {
  if (v === null || v === undefined) return `<${tag}/>`;
  if (Array.isArray(v)) return `<${tag}>${v.map((x) => value(tag.replace(/s$/, ''), x)).join('')}</${tag}>`;
  if (typeof v === 'object')
    return `<${tag}>${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => value(k, x))
      .join('')}</${tag}>`;
  return `<${tag}>${escape(String(v))}</${tag}>`;
}

/** The spec's XML: a root element holding one element per item, fields as child elements. */
export function toXml(root: string, item: string, items: object[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${items.map((i) => value(item, i)).join('')}</${root}>`;
}
