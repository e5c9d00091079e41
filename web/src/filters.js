// The filter bar: its state, the query string it makes, and the form it reads and writes.

export const TEXT_FILTERS = ['actor', 'source', 'target', 'country', 'sector', 'cameo', 'plover',
  'quad', 'since', 'until', 'place', 'doc'];

export function emptyFilters() {
  const f = { status: [] };
  for (const k of TEXT_FILTERS) f[k] = '';
  return f;
}

/** Filters from URL search params (unknown keys ignored). */
export function filtersFromParams(params) {
  const f = emptyFilters();
  for (const k of TEXT_FILTERS) f[k] = (params.get(k) || '').trim();
  f.status = params.getAll('status').map((s) => s.trim()).filter(Boolean);
  return f;
}

/** Append the filters that are set to a URLSearchParams (status repeated). */
export function filtersToParams(f, params = new URLSearchParams()) {
  for (const k of TEXT_FILTERS) if (f[k]) params.append(k, f[k]);
  for (const s of f.status) params.append('status', s);
  return params;
}

/** Read the form's inputs. */
export function readForm(form) {
  const f = emptyFilters();
  for (const k of TEXT_FILTERS) {
    const input = form.elements.namedItem(k);
    if (input) f[k] = input.value.trim();
  }
  const status = form.elements.namedItem('status');
  if (status) f.status = Array.from(status.selectedOptions, (o) => o.value).filter(Boolean);
  return f;
}

/** Show the filters in the form. */
export function writeForm(form, f) {
  for (const k of TEXT_FILTERS) {
    const input = form.elements.namedItem(k);
    if (input) input.value = f[k] || '';
  }
  const status = form.elements.namedItem('status');
  if (status) for (const o of status.options) o.selected = f.status.includes(o.value);
  // open "more filters" when one of them is set, so nothing applies unseen
  const more = form.querySelector('details.more');
  if (more && ['source', 'target', 'sector', 'quad', 'doc'].some((k) => f[k])) more.open = true;
}
