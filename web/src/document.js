// The document view: an article with its evidence sentence highlighted and its actors,
// places, times and event triggers marked, then its events. Offsets from the API count
// Unicode code points (as Python does), so the body is handled as an array of code points.
//
// Overlapping marks: marks nest when they can (the longer one outside); a mark that
// crosses the end of the one it starts in is cut there and goes on as a second element
// with the same classes. So every mark covers exactly its characters, and the text is
// never duplicated or reordered.

import { el, clear, isWebUrl, emptyState, fmtGoldstein, QUADS } from './dom.js';

// outer first when two marks start and end at the same place
const PRIORITY = { evidence: 0, actor: 1, place: 2, time: 3, trigger: 4 };

/** Nest marks ({start, end, kind, ...}) over [0, n) into a tree of {start, end, mark, children}. */
export function nestMarks(n, marks) {
  const pending = marks
    .filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end))
    .map((m) => ({ ...m, start: Math.max(0, m.start), end: Math.min(n, m.end) }))
    .filter((m) => m.start < m.end);
  const order = (a, b) => a.start - b.start || b.end - a.end
    || (PRIORITY[a.kind] ?? 9) - (PRIORITY[b.kind] ?? 9);
  pending.sort(order);
  const root = { start: 0, end: n, mark: null, children: [] };
  const stack = [root];
  let i = 0;
  while (i < pending.length) {
    const m = pending[i++];
    while (stack.length > 1 && stack[stack.length - 1].end <= m.start) stack.pop();
    const parent = stack[stack.length - 1];
    let end = m.end;
    if (end > parent.end) { // crosses its parent's end: cut it there, the rest waits its turn
      const rest = { ...m, start: parent.end, continued: true };
      end = parent.end;
      let j = i;
      while (j < pending.length && order(pending[j], rest) <= 0) j++;
      pending.splice(j, 0, rest);
    }
    const node = { start: m.start, end, mark: m, children: [] };
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

function markElement(mark) {
  if (mark.kind === 'evidence') {
    return el('mark', { class: 'evidence', 'data-testid': 'evidence', title: mark.title });
  }
  return el('span', { class: mark.kind, title: mark.title || null,
    'data-start': mark.start, 'data-code': mark.code || null });
}

/** Render the body text (code points) with the marks into a fragment. */
export function renderMarkedText(text, marks) {
  const cps = Array.from(text || '');
  const tree = nestMarks(cps.length, marks);
  const piece = (a, b) => document.createTextNode(cps.slice(a, b).join(''));
  const fill = (node, parent) => {
    let pos = node.start;
    for (const child of node.children) {
      if (child.start > pos) parent.appendChild(piece(pos, child.start));
      const e = markElement(child.mark);
      fill(child, e);
      parent.appendChild(e);
      pos = child.end;
    }
    if (pos < node.end) parent.appendChild(piece(pos, node.end));
  };
  const frag = document.createDocumentFragment();
  fill(tree, frag);
  return frag;
}

function actorTitle(a) {
  const bits = [a.code || 'no code'];
  if (a.name) bits.push(a.name);
  const more = [a.country, a.sector].filter(Boolean).join(' ');
  if (more) bits.push(more);
  return bits.join(' · ');
}

function placeTitle(p) {
  const bits = [p.name || p.text || 'place'];
  if (p.country) bits.push(p.country);
  if (Number.isFinite(p.lat) && Number.isFinite(p.lon)) bits.push(`${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}`);
  return bits.join(' · ');
}

function sentenceRange(doc, index) {
  if (index === null || index === undefined || Number.isNaN(index)) return null;
  const s = (doc.sentences || []).find((x) => x.index === index);
  if (s) return { start: s.start, end: s.end };
  const ev = (doc.events || []).find((e) => e.evidence && e.evidence.sentence_index === index);
  if (ev && Number.isInteger(ev.evidence.start)) return { start: ev.evidence.start, end: ev.evidence.end };
  return null;
}

/** All marks of a document: evidence sentence, actors, places, times, triggers. */
export function documentMarks(doc, sentence) {
  const marks = [];
  const range = sentenceRange(doc, sentence);
  if (range) marks.push({ kind: 'evidence', ...range, title: `Sentence ${sentence}` });
  for (const a of doc.actors || []) marks.push({ kind: 'actor', start: a.start, end: a.end, code: a.code, title: actorTitle(a) });
  for (const p of doc.places || []) marks.push({ kind: 'place', start: p.start, end: p.end, code: p.country, title: placeTitle(p) });
  for (const t of doc.times || []) marks.push({ kind: 'time', start: t.start, end: t.end, title: t.value ? String(t.value) : 'time' });
  const cps = Array.from(doc.body || '');
  const triggers = new Map();
  for (const e of doc.events || []) {
    const ev = e.evidence;
    if (!ev || !ev.trigger || !Number.isInteger(ev.trigger_start)) continue;
    const len = Array.from(ev.trigger).length;
    // only where the trigger really is at that offset
    if (cps.slice(ev.trigger_start, ev.trigger_start + len).join('') !== ev.trigger) continue;
    const key = `${ev.trigger_start}:${len}`;
    const label = `${e.cameo} ${e.plover} (${e.status})`;
    const prev = triggers.get(key);
    if (prev) {
      if (!prev.title.includes(label)) prev.title += `; ${label}`;
    } else {
      triggers.set(key, { kind: 'trigger', start: ev.trigger_start, end: ev.trigger_start + len, title: `event: ${label}` });
    }
  }
  marks.push(...triggers.values());
  return marks;
}

function actorLabel(a) {
  if (!a) return el('span', { class: 'none' }, 'no one');
  const code = el('span', { class: 'code' }, a.code || '?');
  const label = a.name || a.text;
  return el('span', { class: 'who', title: a.text ? `“${a.text}”` : null }, code,
    label ? el('span', { class: 'sub' }, ` ${label}`) : null);
}

/** The evidence sentence of an event with its trigger in bold (plain text otherwise). */
function evidenceLine(e) {
  const ev = e.evidence;
  if (!ev || !ev.sentence) return null;
  const s = Array.from(ev.sentence);
  const q = el('blockquote', { class: 'evidence-line' });
  const len = ev.trigger ? Array.from(ev.trigger).length : 0;
  const at = Number.isInteger(ev.trigger_start) && Number.isInteger(ev.start) ? ev.trigger_start - ev.start : -1;
  if (len && at >= 0 && s.slice(at, at + len).join('') === ev.trigger) {
    q.append(document.createTextNode(s.slice(0, at).join('')),
      el('strong', null, ev.trigger), document.createTextNode(s.slice(at + len).join('')));
  } else {
    q.textContent = ev.sentence;
  }
  return q;
}

function eventItem(e, current, onSentence) {
  const si = e.evidence ? e.evidence.sentence_index : null;
  const loc = e.location;
  const li = el('li', { class: si === current && si !== null ? 'doc-event current' : 'doc-event',
    'data-testid': 'document-event', 'data-global-id': e.global_id || null },
  el('div', { class: 'line' },
    el('span', { class: 'date' }, e.date || 'undated'),
    actorLabel(e.source),
    el('span', { class: 'arrow' }, '→'),
    el('span', { class: 'what', title: `${e.quad_class ? QUADS[e.quad_class] : ''}; Goldstein ${fmtGoldstein(e.goldstein)}` },
      el('span', { class: `quad-badge q${e.quad_class || 0}`, 'aria-hidden': 'true' }),
      el('span', { class: 'code' }, e.cameo), ' ', el('span', { class: 'plover' }, e.plover)),
    el('span', { class: 'arrow' }, '→'),
    actorLabel(e.target),
    el('span', { class: `status status-${e.status}` }, e.status),
    loc ? el('span', { class: 'loc' }, `@ ${loc.name || loc.country || '?'}${loc.name && loc.country ? ' (' + loc.country + ')' : ''}`) : null,
    si !== null && si !== undefined && onSentence
      ? el('button', { type: 'button', class: 'link', on: { click: () => onSentence(si) } }, 'show in text')
      : null),
  evidenceLine(e));
  return li;
}

/**
 * Fill the document view.
 * opts: {sentence: number|null, onSentence(index), heading: string, note: Node|null}
 */
export function renderDocument(view, doc, opts = {}) {
  clear(view);
  const sentence = opts.sentence ?? null;
  const title = doc.title || '(untitled)';
  view.appendChild(el('h2', { class: 'doc-title', 'data-testid': 'document-title' }, title));

  const meta = el('p', { class: 'doc-meta' });
  const bits = [];
  if (doc.published) bits.push(el('span', { class: 'published', 'data-testid': 'document-date' }, doc.published));
  if (doc.source_name) bits.push(el('span', { class: 'outlet' }, doc.source_name));
  if (doc.url) {
    bits.push(isWebUrl(doc.url)
      ? el('a', { href: doc.url.trim(), rel: 'noopener noreferrer', target: '_blank', class: 'url' }, doc.url)
      : el('span', { class: 'url' }, doc.url));
  }
  if (doc.doc_id !== null && doc.doc_id !== undefined) bits.push(el('span', { class: 'doc-id' }, `id ${doc.doc_id}`));
  bits.forEach((b, i) => {
    if (i) meta.appendChild(document.createTextNode(' · '));
    meta.appendChild(b);
  });
  view.appendChild(meta);
  if (opts.note) view.appendChild(opts.note);
  const errors = Array.isArray(doc.errors) ? doc.errors : [];
  if (errors.length) {
    view.appendChild(el('div', { class: 'doc-errors', 'data-testid': 'document-errors' },
      el('p', null, 'The coder reported problems with this text:'),
      el('ul', null, errors.map((e) => el('li', null,
        e && typeof e === 'object' ? `${e.stage ? e.stage + ': ' : ''}${e.message || ''}` : String(e))))));
  }

  view.appendChild(el('ul', { class: 'legend doc-legend', 'aria-label': 'Marks' },
    el('li', null, el('span', { class: 'legend-evidence' }, 'evidence sentence')),
    el('li', null, el('span', { class: 'legend-actor' }, 'actor')),
    el('li', null, el('span', { class: 'legend-place' }, 'place')),
    el('li', null, el('span', { class: 'legend-time' }, 'time')),
    el('li', null, el('span', { class: 'legend-trigger' }, 'event trigger')),
    el('li', { class: 'hint' }, 'hover a mark for its code or value')));

  const body = el('div', { class: 'doc-body', 'data-testid': 'document-body' });
  body.appendChild(renderMarkedText(doc.body || '', documentMarks(doc, sentence)));
  view.appendChild(body);

  const events = doc.events || [];
  view.appendChild(el('h3', null, events.length ? `Events (${events.length})` : 'Events'));
  if (!events.length) {
    view.appendChild(emptyState('No events were coded in this text.'));
  } else {
    view.appendChild(el('ol', { class: 'doc-events', 'data-testid': 'document-events' },
      events.map((e) => eventItem(e, sentence, opts.onSentence))));
  }
  const mark = body.querySelector('mark.evidence');
  if (mark && opts.scroll !== false && typeof mark.scrollIntoView === 'function') {
    mark.scrollIntoView({ block: 'center' });
  }
}
