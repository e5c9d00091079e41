// The event table (/v1/events), a page at a time.

import { el, clear, emptyState, fmtNumber, fmtGoldstein, QUADS } from './dom.js';

export const PAGE = 50;

function actorCell(code, name, text) {
  const td = el('td', { class: 'actor-cell' });
  if (!code && !name && !text) {
    td.appendChild(el('span', { class: 'none' }, '–'));
    return td;
  }
  td.appendChild(el('span', { class: 'code' }, code || '?'));
  const label = name || text;
  if (label) td.appendChild(el('span', { class: 'sub' }, label));
  if (text && name && text !== name) td.setAttribute('title', `“${text}”`);
  return td;
}

function place(row) {
  if (!row.location_name && !row.location_country) return '–';
  if (row.location_name && row.location_country) return `${row.location_name} (${row.location_country})`;
  return row.location_name || row.location_country;
}

function dateText(row) {
  if (!row.date) return '–';
  return row.date;
}

export function renderEvents({ container, range, prev, next, data, onOpen }) {
  clear(container);
  const rows = data.events || [];
  const total = data.total || 0;
  const offset = data.offset || 0;
  prev.disabled = offset <= 0;
  next.disabled = offset + rows.length >= total;
  range.textContent = rows.length ? `${fmtNumber(offset + 1)}–${fmtNumber(offset + rows.length)} of ${fmtNumber(total)}`
    : `0 of ${fmtNumber(total)}`;
  if (rows.length === 0) {
    container.appendChild(emptyState(total ? 'No events on this page: go back a page.'
      : 'No events match the filters.'));
    return;
  }

  const head = el('thead', null, el('tr', null,
    ['Date', 'Source', 'Code', 'Target', 'PLOVER', 'Status', 'Place', 'Mentions', 'Articles', 'Trigger']
      .map((h) => el('th', { scope: 'col' }, h))));
  const body = el('tbody');
  for (const row of rows) {
    const clickable = row.doc_id !== null && row.doc_id !== undefined && row.doc_id !== '';
    const quad = row.quad_class;
    const tr = el('tr', {
      'data-testid': 'event-row',
      'data-global-id': row.global_id,
      class: clickable ? 'clickable' : null,
      tabindex: clickable ? 0 : null,
      title: clickable ? 'Open the article' : 'No article for this event',
    },
    el('td', { class: 'date', title: row.date_precision ? `precision: ${row.date_precision}` : null }, dateText(row)),
    actorCell(row.source_code, row.source_name, row.source_text),
    el('td', { class: 'cameo', title: `${quad ? QUADS[quad] : 'quad class unknown'}; Goldstein ${fmtGoldstein(row.goldstein)}` },
      el('span', { class: `quad-badge q${quad || 0}`, 'aria-hidden': 'true' }), row.cameo),
    actorCell(row.target_code, row.target_name, row.target_text),
    el('td', { class: 'plover' }, row.plover),
    el('td', null, el('span', { class: `status status-${row.status}` }, row.status)),
    el('td', { class: 'place-cell' }, place(row)),
    el('td', { class: 'num' }, fmtNumber(row.num_mentions)),
    el('td', { class: 'num' }, fmtNumber(row.num_articles)),
    el('td', { class: 'trigger-cell', title: row.sentence || null }, row.trigger || '–'));
    if (clickable) {
      const open = () => onOpen(row);
      tr.addEventListener('click', open);
      tr.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          open();
        }
      });
    }
    body.appendChild(tr);
  }
  container.appendChild(el('table', { class: 'events' }, head, body));
}
