// Safe DOM building. Everything that comes from the API is untrusted: it goes into the
// page only as text nodes (textContent / createTextNode) or through setAttribute on
// attributes that cannot run code. Nothing here parses HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);

/** True for an absolute http(s) URL, the only kind we ever put in an href from data. */
export function isWebUrl(value) {
  return typeof value === 'string' && /^https?:\/\/[^\s]+$/i.test(value.trim());
}

function setProp(node, key, value) {
  if (value === null || value === undefined || value === false) return;
  if (key === 'text') {
    node.textContent = String(value);
  } else if (key === 'class') {
    node.setAttribute('class', String(value));
  } else if (key === 'dataset') {
    for (const [k, v] of Object.entries(value)) {
      if (v !== null && v !== undefined) node.dataset[k] = String(v);
    }
  } else if (key === 'on') {
    for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
  } else if (/^on/i.test(key) || key === 'style' || key === 'srcdoc') {
    throw new Error(`refusing to set the attribute ${key}`);
  } else if (URL_ATTRS.has(key.toLowerCase())) {
    const v = String(value);
    // internal routes (#/...) and web URLs only: never javascript:, data: and the like
    if (!(v.startsWith('#') || isWebUrl(v))) throw new Error(`refusing the URL ${v}`);
    node.setAttribute(key, v);
  } else {
    node.setAttribute(key, value === true ? '' : String(value));
  }
}

/** Append children: nodes as they are, anything else as a text node. */
export function append(node, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** el('td', {class: 'x', title: t}, 'text', otherNode) */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) for (const [k, v] of Object.entries(props)) setProp(node, k, v);
  return append(node, ...children);
}

/** The same for SVG elements. */
export function svgEl(tag, props, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  if (props) for (const [k, v] of Object.entries(props)) setProp(node, k, v);
  return append(node, ...children);
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** A paragraph for "nothing to show" states. */
export function emptyState(message) {
  return el('p', { class: 'empty', 'data-testid': 'empty' }, message);
}

export function fmtNumber(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return Number(n).toLocaleString('en-US');
}

export function fmtGoldstein(g) {
  if (g === null || g === undefined || Number.isNaN(Number(g))) return '–';
  const v = Number(g);
  return (v > 0 ? '+' : '') + v.toFixed(1);
}

export const QUADS = {
  1: 'Verbal cooperation',
  2: 'Material cooperation',
  3: 'Verbal conflict',
  4: 'Material conflict',
};
