// Timeline: events per week or month, stacked by quad class, with the mean Goldstein score
// as a line on a second axis. Data: GET /v1/stats?by=week (or month) — one row per period
// carrying quad1..quad4 and the exact mean Goldstein score of the period.

import { select } from 'd3-selection';
import { scaleBand, scaleLinear } from 'd3-scale';
import { stack, line } from 'd3-shape';
import { axisBottom, axisLeft, axisRight } from 'd3-axis';
import { max } from 'd3-array';
import { svgEl, clear, emptyState, fmtNumber, fmtGoldstein, QUADS } from './dom.js';

const DAY = 864e5;
const WEEK = 7 * DAY;
const MAX_FILL = 520; // fill missing periods between the first and last only up to this many
const KEYS = ['quad1', 'quad2', 'quad3', 'quad4'];

// ---- periods: "2024-W09", "2024-03", "2024-03-05", "2005" -------------------------------

function isoWeekStart(year, week) {
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0
  return jan4 - dow * DAY + (week - 1) * WEEK;
}

function isoWeekLabel(monday) {
  const thursday = monday + 3 * DAY;
  const y = new Date(thursday).getUTCFullYear();
  const w = Math.floor((thursday - Date.UTC(y, 0, 1)) / WEEK) + 1;
  return `${y}-W${String(w).padStart(2, '0')}`;
}

function monthLabel(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** {kind, start (ms), rank} of a period label; rank orders coarse before fine at one start. */
export function parsePeriod(label) {
  let m;
  if ((m = /^(\d{4})-W(\d{2})$/.exec(label))) {
    return { kind: 'week', start: isoWeekStart(+m[1], +m[2]), rank: 3 };
  }
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label))) {
    return { kind: 'day', start: Date.UTC(+m[1], +m[2] - 1, +m[3]), rank: 4 };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(label))) {
    return { kind: 'month', start: Date.UTC(+m[1], +m[2] - 1, 1), rank: 2 };
  }
  if ((m = /^(\d{4})$/.exec(label))) {
    return { kind: 'year', start: Date.UTC(+m[1], 0, 1), rank: 1 };
  }
  return { kind: 'other', start: Infinity, rank: 9 };
}

/** The period labels to draw, in time order, with empty periods filled in where few. */
export function periodDomain(labels, interval) {
  const parsed = labels.map((label) => ({ label, ...parsePeriod(label) }));
  const fine = parsed.filter((p) => p.kind === interval);
  const seen = new Set(labels);
  let all = parsed;
  if (fine.length > 1) {
    const first = Math.min(...fine.map((p) => p.start));
    const last = Math.max(...fine.map((p) => p.start));
    const fill = [];
    if (interval === 'week') {
      for (let t = first; t <= last && fill.length <= MAX_FILL; t += WEEK) {
        fill.push(isoWeekLabel(t));
      }
    } else {
      const d = new Date(first);
      for (let y = d.getUTCFullYear(), mo = d.getUTCMonth(); fill.length <= MAX_FILL; mo++) {
        const t = Date.UTC(y, mo, 1);
        if (t > last) break;
        fill.push(monthLabel(t));
      }
    }
    if (fill.length <= MAX_FILL) {
      all = parsed.concat(fill.filter((l) => !seen.has(l))
        .map((label) => ({ label, ...parsePeriod(label) })));
    }
  }
  all.sort((a, b) => a.start - b.start || a.rank - b.rank || (a.label < b.label ? -1 : 1));
  return all.map((p) => ({ label: p.label, coarse: p.kind !== interval }));
}

// ---- drawing -----------------------------------------------------------------------------

export async function renderTimeline({ container, summary, stats, interval }) {
  clear(container);
  clear(summary);
  const col = interval; // the group column is named like the grouping: week / month
  const rows = stats.rows || [];
  const dated = rows.filter((r) => r[col] !== null && r[col] !== undefined);
  const undated = rows.filter((r) => r[col] === null || r[col] === undefined)
    .reduce((n, r) => n + (r.events || 0), 0);
  const total = rows.reduce((n, r) => n + (r.events || 0), 0);

  if (dated.length === 0) {
    container.appendChild(emptyState(total ? `No dated events match the filters (${fmtNumber(total)} without a date).`
      : 'No events match the filters.'));
    return;
  }

  const byLabel = new Map();
  for (const r of dated) {
    const label = String(r[col]);
    const prev = byLabel.get(label);
    if (prev) { // should not happen, but never draw one period twice
      for (const k of KEYS) prev[k] += r[k] || 0;
      prev.events += r.events || 0;
    } else {
      byLabel.set(label, { label, events: r.events || 0, mentions: r.mentions || 0,
        goldstein: r.goldstein === null || r.goldstein === undefined ? null : Number(r.goldstein),
        quad1: r.quad1 || 0, quad2: r.quad2 || 0, quad3: r.quad3 || 0, quad4: r.quad4 || 0 });
    }
  }
  const domain = periodDomain([...byLabel.keys()], interval);
  const data = domain.map(({ label, coarse }) => ({ coarse,
    ...(byLabel.get(label) || { label, events: 0, mentions: 0, goldstein: null,
      quad1: 0, quad2: 0, quad3: 0, quad4: 0 }) }));

  const coarseCount = data.filter((d) => d.coarse).reduce((n, d) => n + d.events, 0);
  const unit = interval === 'week' ? 'week' : 'month';
  const nPeriods = data.filter((d) => !d.coarse).length;
  const parts = [`${fmtNumber(total)} events`,
    `${fmtNumber(nPeriods)} ${unit}${nPeriods === 1 ? '' : 's'} from ${data[0].label} to ${data[data.length - 1].label}`];
  if (coarseCount) parts.push(`${fmtNumber(coarseCount)} with only a month or year (paler bars)`);
  if (undated) parts.push(`${fmtNumber(undated)} without a date (not drawn)`);
  summary.textContent = parts.join(' · ');

  const W = 960;
  const H = 380;
  const M = { top: 16, right: 52, bottom: 56, left: 52 };
  const x = scaleBand().domain(data.map((d) => d.label)).range([M.left, W - M.right])
    .paddingInner(data.length > 60 ? 0.05 : 0.2).paddingOuter(0.1);
  const yMax = max(data, (d) => d.events) || 1;
  const y = scaleLinear().domain([0, yMax]).nice().range([H - M.bottom, M.top]);
  const g = scaleLinear().domain([-10, 10]).range([H - M.bottom, M.top]);

  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline-svg', role: 'img',
    'aria-label': `Events per ${unit}, stacked by quad class, with the mean Goldstein score` });
  container.appendChild(svg);
  const s = select(svg);

  // axes
  const step = Math.max(1, Math.ceil(data.length / 12));
  const ticks = data.filter((d, i) => i % step === 0).map((d) => d.label);
  s.append('g').attr('class', 'axis x').attr('transform', `translate(0,${H - M.bottom})`)
    .call(axisBottom(x).tickValues(ticks).tickSizeOuter(0))
    .selectAll('text').attr('transform', 'rotate(-35)').attr('text-anchor', 'end')
    .attr('dx', '-0.4em').attr('dy', '0.6em');
  const yTicks = Math.min(6, y.domain()[1]);
  s.append('g').attr('class', 'axis y').attr('transform', `translate(${M.left},0)`)
    .call(axisLeft(y).ticks(yTicks, 'd'));
  s.append('g').attr('class', 'axis g').attr('transform', `translate(${W - M.right},0)`)
    .call(axisRight(g).tickValues([-10, -5, 0, 5, 10]));
  s.append('text').attr('class', 'axis-title').attr('transform', `translate(14,${M.top + (H - M.bottom - M.top) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle').text('events');
  s.append('text').attr('class', 'axis-title').attr('transform', `translate(${W - 10},${M.top + (H - M.bottom - M.top) / 2}) rotate(90)`)
    .attr('text-anchor', 'middle').text('mean Goldstein');
  s.append('line').attr('class', 'zero-line').attr('x1', M.left).attr('x2', W - M.right)
    .attr('y1', g(0)).attr('y2', g(0));

  // stacked bars, one group per period with a tooltip
  const series = stack().keys(KEYS)(data);
  const periods = s.append('g').attr('class', 'bars').selectAll('g')
    .data(data).join('g')
    .attr('class', (d) => (d.coarse ? 'period coarse' : 'period'))
    .attr('data-testid', 'timeline-bar')
    .attr('data-period', (d) => d.label)
    .attr('data-events', (d) => d.events);
  periods.append('title').text((d) => {
    const lines = [`${d.label}${d.coarse ? ' (date known only to the ' + parsePeriod(d.label).kind + ')' : ''}: ${fmtNumber(d.events)} events`];
    for (let q = 1; q <= 4; q++) if (d[`quad${q}`]) lines.push(`${QUADS[q]}: ${fmtNumber(d[`quad${q}`])}`);
    if (d.goldstein !== null) lines.push(`mean Goldstein ${fmtGoldstein(d.goldstein)}`);
    return lines.join('\n');
  });
  // an invisible full-height target so thin bars are easy to hover
  periods.append('rect').attr('class', 'hit').attr('x', (d) => x(d.label)).attr('width', x.bandwidth())
    .attr('y', M.top).attr('height', H - M.bottom - M.top);
  series.forEach((ser, qi) => {
    periods.append('rect').attr('class', `q${qi + 1}`)
      .attr('x', (d) => x(d.label)).attr('width', x.bandwidth())
      .attr('y', (d, i) => y(ser[i][1]))
      .attr('height', (d, i) => Math.max(0, y(ser[i][0]) - y(ser[i][1])));
  });

  // Goldstein line and points
  const cx = (d) => x(d.label) + x.bandwidth() / 2;
  const gl = line().defined((d) => d.goldstein !== null).x(cx).y((d) => g(d.goldstein));
  s.append('path').attr('class', 'goldstein-line').attr('d', gl(data));
  s.append('g').attr('class', 'goldstein-points').selectAll('circle')
    .data(data.filter((d) => d.goldstein !== null)).join('circle')
    .attr('cx', cx).attr('cy', (d) => g(d.goldstein)).attr('r', data.length > 80 ? 1.5 : 3)
    .append('title').text((d) => `${d.label}: mean Goldstein ${fmtGoldstein(d.goldstein)}`);
}
