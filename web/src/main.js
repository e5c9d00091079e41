// The newsevents dashboard: routing, the filter bar, and the views.
//
// Navigation is by URL hash (see web/README.md):
//   #/timeline?<filters>[&interval=month]   #/map?<filters>   #/network?<filters>
//   #/events?<filters>[&offset=N]           #/paste           #/documents/<doc_id>?sentence=N
// For the four data views the hash's query is the whole filter state, so a URL can be
// shared and the back button works; tab links carry the current filters along.

import { api, busy } from './api.js';
import { el, clear, fmtNumber } from './dom.js';
import { emptyFilters, filtersFromParams, filtersToParams, readForm, writeForm } from './filters.js';
import { renderTimeline } from './timeline.js';
import { renderMap } from './map.js';
import { renderNetwork } from './network.js';
import { renderEvents, PAGE } from './events.js';
import { renderDocument } from './document.js';

const DATA_VIEWS = ['timeline', 'map', 'network', 'events'];
const VIEWS = [...DATA_VIEWS, 'paste', 'documents'];
const NETWORK_LIMIT = 80;

const $ = (id) => document.getElementById(id);

const state = {
  filters: emptyFilters(),
  interval: 'week',
  offset: 0,
  view: null,
  lastHash: null,
  lastListHash: null,
  rendered: {}, // view -> key of what it shows now, so switching tabs does not refetch
  tokens: {}, // view -> number of the latest load; older answers are dropped
  doc: null, // {id, doc} of the document view
  paste: null, // {doc, stored, sentence}
  meta: null,
};

// ---- errors ----------------------------------------------------------------------------

function showError(err) {
  const box = $('error');
  const message = err && err.message ? err.message : String(err);
  box.textContent = message;
  if (err && err.code) box.setAttribute('data-code', err.code);
  else box.removeAttribute('data-code');
  box.hidden = false;
}

function clearError() {
  const box = $('error');
  box.textContent = '';
  box.removeAttribute('data-code');
  box.hidden = true;
}

// ---- hashes ----------------------------------------------------------------------------

export function parseHash(hash) {
  const h = (hash || '').replace(/^#\/?/, '');
  const q = h.indexOf('?');
  const path = q < 0 ? h : h.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : h.slice(q + 1));
  if (path.startsWith('documents/')) {
    let id;
    try {
      id = decodeURIComponent(path.slice('documents/'.length));
    } catch {
      id = path.slice('documents/'.length);
    }
    const s = params.get('sentence');
    const sentence = s !== null && /^\d+$/.test(s) ? Number(s) : null;
    return { view: 'documents', id, sentence, params };
  }
  return { view: VIEWS.includes(path) && path !== 'documents' ? path : 'timeline', params };
}

function viewHash(view, { offset = 0 } = {}) {
  const p = filtersToParams(state.filters);
  if (view === 'timeline' && state.interval === 'month') p.set('interval', 'month');
  if (view === 'events' && offset > 0) p.set('offset', String(offset));
  const qs = p.toString();
  return `#/${view}${qs ? '?' + qs : ''}`;
}

function documentHash(id, sentence) {
  const s = sentence !== null && sentence !== undefined ? `?sentence=${sentence}` : '';
  return `#/documents/${encodeURIComponent(id)}${s}`;
}

/** Go to a hash now (no waiting for hashchange, so the busy state is set at once). */
function navigate(hash, { force = false } = {}) {
  if (hash !== location.hash) history.pushState(null, '', hash);
  route({ force });
}

function updateTabs() {
  for (const a of document.querySelectorAll('nav.tabs a[data-view]')) {
    const view = a.dataset.view;
    a.setAttribute('href', DATA_VIEWS.includes(view)
      ? viewHash(view, { offset: view === 'events' ? state.offset : 0 }) : `#/${view}`);
    if (view === state.view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const docTab = $('tab-document');
  docTab.hidden = state.view !== 'documents';
  if (state.view === 'documents') docTab.setAttribute('aria-current', 'page');
  for (const b of document.querySelectorAll('[data-interval]')) {
    b.setAttribute('aria-pressed', String(b.dataset.interval === state.interval));
  }
}

function showView(view) {
  state.view = view;
  for (const v of VIEWS) $(`view-${v}`).hidden = v !== view;
  updateTabs();
}

// ---- loading views ---------------------------------------------------------------------

async function loadView(r, force) {
  const view = r.view;
  const token = (state.tokens[view] || 0) + 1;
  state.tokens[view] = token;
  const stale = () => state.tokens[view] !== token;
  const fq = filtersToParams(state.filters).toString();
  const amp = fq ? '&' + fq : '';
  const done = busy();
  try {
    if (view === 'timeline') {
      const key = `${state.interval}?${fq}`;
      if (!force && state.rendered.timeline === key) return;
      state.rendered.timeline = null;
      const stats = await api(`/v1/stats?by=${state.interval}${amp}`);
      if (stale()) return;
      await renderTimeline({ container: $('timeline-chart'), summary: $('timeline-summary'),
        stats, interval: state.interval });
      state.rendered.timeline = key;
    } else if (view === 'map') {
      if (!force && state.rendered.map === fq) return;
      state.rendered.map = null;
      const data = await api(`/v1/map${fq ? '?' + fq : ''}`);
      if (stale()) return;
      await renderMap({ container: $('map-chart'), summary: $('map-summary'), data,
        onPlace: (name) => setFilterAndGo('place', name, 'map') });
      if (stale()) return;
      state.rendered.map = fq;
    } else if (view === 'network') {
      if (!force && state.rendered.network === fq) return;
      state.rendered.network = null;
      const data = await api(`/v1/network?limit=${NETWORK_LIMIT}${amp}`);
      if (stale()) return;
      renderNetwork({ container: $('network-chart'), summary: $('network-summary'), data,
        selected: state.filters.actor,
        onActor: (id) => setFilterAndGo('actor', id, 'network') });
      state.rendered.network = fq;
    } else if (view === 'events') {
      const key = `${state.offset}?${fq}`;
      if (!force && state.rendered.events === key) return;
      state.rendered.events = null;
      const data = await api(`/v1/events?mentions=false&limit=${PAGE}&offset=${state.offset}${amp}`);
      if (stale()) return;
      renderEvents({ container: $('events-body'), range: $('events-range'), prev: $('events-prev'),
        next: $('events-next'), data,
        onOpen: (row) => navigate(documentHash(row.doc_id, row.sentence_index)) });
      state.rendered.events = key;
    } else if (view === 'documents') {
      await showDocument(r, stale, force);
    } else if (view === 'paste') {
      showPaste();
    }
  } catch (err) {
    if (stale()) return;
    state.rendered[view] = null;
    emptyOnError(view);
    showError(err);
  } finally {
    done();
  }
}

function emptyOnError(view) {
  const ids = { timeline: ['timeline-chart', 'timeline-summary'], map: ['map-chart', 'map-summary'],
    network: ['network-chart', 'network-summary'], events: ['events-body', 'events-range'],
    documents: ['document-view'] }[view] || [];
  for (const id of ids) clear($(id));
  if (view === 'events') {
    $('events-prev').disabled = true;
    $('events-next').disabled = true;
  }
  if (view === 'documents') state.doc = null;
}

function setFilterAndGo(key, value, view) {
  state.filters = { ...state.filters, [key]: value };
  writeForm($('filters'), state.filters);
  navigate(viewHash(view));
}

// ---- document view ---------------------------------------------------------------------

function placeDocView(where) {
  const view = $('document-view');
  const parent = where === 'paste' ? $('paste-result') : $('view-documents');
  if (view.parentNode !== parent) parent.appendChild(view);
  return view;
}

async function showDocument(r, stale, force) {
  const view = placeDocView('documents');
  if (force || !state.doc || state.doc.id !== r.id) {
    clear(view);
    state.doc = null;
    const doc = await api(`/v1/documents/${encodeURIComponent(r.id)}`);
    if (stale()) return;
    state.doc = { id: r.id, doc };
  }
  drawDocument(r.sentence);
}

function drawDocument(sentence, scroll = true) {
  const { id, doc } = state.doc;
  const note = el('p', { class: 'doc-links' });
  if (state.lastListHash) {
    note.appendChild(el('a', { href: state.lastListHash, class: 'back' }, '← Back'));
    note.appendChild(document.createTextNode(' · '));
  }
  note.appendChild(el('a', { href: `#/events?doc=${encodeURIComponent(id)}` }, 'This document\'s events in the table'));
  renderDocument(placeDocView('documents'), doc, {
    sentence,
    scroll,
    note,
    onSentence: (i) => {
      history.replaceState(null, '', documentHash(id, i));
      state.lastHash = location.hash;
      drawDocument(i);
    },
  });
}

// ---- paste box -------------------------------------------------------------------------

function showPaste() {
  const result = $('paste-result');
  if (!state.paste) {
    clear(result);
    return;
  }
  drawPaste(state.paste.sentence, false);
}

function drawPaste(sentence, scroll = true) {
  const { doc, stored } = state.paste;
  state.paste.sentence = sentence;
  const result = $('paste-result');
  // the one document view lives here while the paste result is shown
  for (const child of Array.from(result.childNodes)) if (child.id !== 'document-view') result.removeChild(child);
  const n = (doc.events || []).length;
  const head = el('p', { class: 'paste-summary', 'data-testid': 'paste-summary' },
    `Coded: ${n} event${n === 1 ? '' : 's'}`,
    stored ? ' · stored as ' : ' · not stored',
    stored ? el('a', { href: documentHash(doc.doc_id) }, String(doc.doc_id)) : null);
  result.insertBefore(head, result.firstChild);
  state.doc = null; // the document view shows the pasted text now
  renderDocument(placeDocView('paste'), doc, {
    sentence,
    scroll,
    onSentence: (i) => drawPaste(i),
  });
}

async function submitPaste(ev) {
  ev.preventDefault();
  const form = $('paste-form');
  const field = (name) => form.elements.namedItem(name);
  const text = field('text').value;
  clearError();
  if (!text.trim()) {
    showError({ message: 'Paste the text of an article first.' });
    return;
  }
  const store = !$('paste-store-label').hidden && field('store').checked;
  const headers = {};
  const key = field('key').value;
  if (store && key) headers['X-API-Key'] = key;
  const payload = { text, date: field('date').value || null, id: null,
    title: field('title').value.trim() || null, store };
  const submit = form.querySelector('[data-testid="paste-submit"]');
  const done = busy();
  submit.disabled = true;
  try {
    const res = await api('/v1/extract', { method: 'POST', json: payload, headers });
    state.paste = { doc: res.document, stored: Boolean(res.stored), sentence: null };
    if (res.stored) {
      state.rendered = {};
      loadMeta();
    }
    if (state.view === 'paste') drawPaste(null);
  } catch (err) {
    showError(err);
  } finally {
    submit.disabled = false;
    done();
  }
}

// ---- meta ------------------------------------------------------------------------------

async function loadMeta() {
  const done = busy();
  try {
    const m = await api('/v1/meta');
    state.meta = m;
    const bits = [`${fmtNumber(m.documents)} documents`, `${fmtNumber(m.events)} events`,
      `${fmtNumber(m.mentions)} mentions`];
    if (m.first_day || m.last_day) bits.push(`${m.first_day || '?'} to ${m.last_day || '?'}`);
    $('meta').textContent = m.events === 0 ? 'The store holds no events yet.' : bits.join(' · ');
    const versions = m.versions && typeof m.versions === 'object' ? Object.entries(m.versions) : [];
    $('versions').textContent = versions.length
      ? 'Versions: ' + versions.map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' · ')
      : '';
    $('paste-store-label').hidden = !m.writable;
    updateKeyField();
  } catch (err) {
    $('meta').textContent = '';
    showError(err);
  } finally {
    done();
  }
}

function updateKeyField() {
  const form = $('paste-form');
  const store = form.elements.namedItem('store');
  $('paste-key-label').hidden = !(state.meta && state.meta.needs_key && state.meta.writable && store.checked);
}

// ---- routing ---------------------------------------------------------------------------

function route({ force = false } = {}) {
  state.lastHash = location.hash;
  const r = parseHash(location.hash);
  clearError();
  if (DATA_VIEWS.includes(r.view)) {
    const before = filtersToParams(state.filters).toString();
    state.filters = filtersFromParams(r.params);
    writeForm($('filters'), state.filters);
    if (r.view === 'events') {
      const o = Number.parseInt(r.params.get('offset') || '0', 10);
      state.offset = Number.isFinite(o) && o > 0 ? o : 0;
    } else if (filtersToParams(state.filters).toString() !== before) {
      state.offset = 0; // other filters: the event table starts at its first page again
    }
    if (r.view === 'timeline') state.interval = r.params.get('interval') === 'month' ? 'month' : 'week';
    state.lastListHash = location.hash || '#/timeline';
  }
  showView(r.view);
  return loadView(r, force);
}

function init() {
  const form = $('filters');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    state.filters = readForm(form);
    const view = DATA_VIEWS.includes(state.view) ? state.view : 'events';
    navigate(viewHash(view), { force: true });
  });
  $('filter-clear').addEventListener('click', () => {
    state.filters = emptyFilters();
    writeForm(form, state.filters);
    const view = DATA_VIEWS.includes(state.view) ? state.view : 'events';
    navigate(viewHash(view), { force: true });
  });
  // links to routes (tabs, "back", links in the document view) navigate at once
  document.addEventListener('click', (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey
      || ev.altKey) return;
    const a = ev.target instanceof Element ? ev.target.closest('a[href^="#/"]') : null;
    if (!a) return;
    ev.preventDefault();
    navigate(a.getAttribute('href'));
  });
  for (const b of document.querySelectorAll('[data-interval]')) {
    b.addEventListener('click', () => {
      state.interval = b.dataset.interval;
      navigate(viewHash('timeline'));
    });
  }
  $('events-prev').addEventListener('click', () => {
    navigate(viewHash('events', { offset: Math.max(0, state.offset - PAGE) }));
  });
  $('events-next').addEventListener('click', () => {
    navigate(viewHash('events', { offset: state.offset + PAGE }));
  });
  $('paste-form').addEventListener('submit', submitPaste);
  $('paste-form').elements.namedItem('store').addEventListener('change', updateKeyField);
  window.addEventListener('hashchange', () => {
    if (location.hash !== state.lastHash) route();
  });
  window.addEventListener('popstate', () => {
    if (location.hash !== state.lastHash) route();
  });
  loadMeta();
  route();
}

init();
