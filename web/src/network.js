// Network: who acts on whom (/v1/network), laid out with d3-force. The layout is computed
// in one go (a fixed number of ticks, d3-force's seeded randomness), so it is the same
// every time for the same data and the page is still once it is drawn.

import { select } from 'd3-selection';
import { scaleSqrt } from 'd3-scale';
import { forceSimulation, forceLink, forceManyBody, forceCollide, forceX, forceY } from 'd3-force';
import { zoom } from 'd3-zoom';
import { svgEl, clear, emptyState, fmtNumber, fmtGoldstein } from './dom.js';

const TICKS = 300;

function edgePath(e, rSource, rTarget, bend) {
  const sx = e.source.x;
  const sy = e.source.y;
  const tx = e.target.x;
  const ty = e.target.y;
  if (e.source === e.target) { // a loop above the node
    const r = rSource;
    return `M${sx - r * 0.6},${sy - r * 0.8} C${sx - r * 2.5},${sy - r * 4} ${sx + r * 2.5},${sy - r * 4} ${sx + r * 0.6},${sy - r * 0.8}`;
  }
  const dx = tx - sx;
  const dy = ty - sy;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  // start and end at the circles' rims (the arrow head ends at the target's rim)
  const x1 = sx + ux * rSource;
  const y1 = sy + uy * rSource;
  const x2 = tx - ux * (rTarget + 2);
  const y2 = ty - uy * (rTarget + 2);
  if (!bend) return `M${x1},${y1} L${x2},${y2}`;
  const mx = (x1 + x2) / 2 - uy * len * 0.15;
  const my = (y1 + y2) / 2 + ux * len * 0.15;
  return `M${x1},${y1} Q${mx},${my} ${x2},${y2}`;
}

export function renderNetwork({ container, summary, data, selected, onActor }) {
  clear(container);
  clear(summary);
  const nodes = (data.nodes || []).map((n) => ({ ...n, id: String(n.id) }));
  const ids = new Set(nodes.map((n) => n.id));
  const edges = (data.edges || []).filter((e) => ids.has(String(e.source)) && ids.has(String(e.target)))
    .map((e) => ({ ...e, source: String(e.source), target: String(e.target) }));
  if (nodes.length === 0) {
    container.appendChild(emptyState('No actors match the filters.'));
    return;
  }
  summary.textContent = `${fmtNumber(nodes.length)} actor${nodes.length === 1 ? '' : 's'} · `
    + `${fmtNumber(edges.length)} link${edges.length === 1 ? '' : 's'}`
    + (edges.length === 0 ? ' (no events with both a source and a target)' : '');

  const rNode = scaleSqrt().domain([0, Math.max(1, ...nodes.map((n) => n.events || 0))]).range([3, 22]);
  const wEdge = scaleSqrt().domain([0, Math.max(1, ...edges.map((e) => e.events || 0))]).range([1, 9]);
  const radius = (n) => Math.max(4, rNode(n.events || 0));

  const sim = forceSimulation(nodes)
    .force('link', forceLink(edges).id((n) => n.id).distance((e) => 60 + radius(e.source) + radius(e.target)).strength(0.4))
    .force('charge', forceManyBody().strength(-260))
    .force('collide', forceCollide((n) => radius(n) + 6))
    // pulled harder up and down than sideways: a wide layout, like the page
    .force('x', forceX(0).strength(0.035))
    .force('y', forceY(0).strength(0.11))
    .stop();
  for (let i = 0; i < TICKS; i++) sim.tick();

  // fit the view box around the laid-out graph (with room for labels)
  let x0 = Infinity; let y0 = Infinity; let x1 = -Infinity; let y1 = -Infinity;
  for (const n of nodes) {
    const r = radius(n);
    x0 = Math.min(x0, n.x - r - 10);
    y0 = Math.min(y0, n.y - r - 30);
    x1 = Math.max(x1, n.x + r + 10 + 7 * String(n.label || n.id).length);
    y1 = Math.max(y1, n.y + r + 10);
  }
  const w = Math.max(320, x1 - x0);
  const h = Math.max(240, y1 - y0);
  const cxv = (x0 + x1) / 2;
  const cyv = (y0 + y1) / 2;
  const vb = [cxv - w / 2, cyv - h / 2, w, h];

  const svg = svgEl('svg', { viewBox: vb.join(' '), class: 'network-svg', role: 'img',
    'aria-label': 'Network of actors' });
  container.appendChild(svg);
  const s = select(svg);
  const defs = s.append('defs');
  for (const kind of ['conflict', 'coop']) {
    defs.append('marker').attr('id', `arrow-${kind}`).attr('viewBox', '0 -5 10 10')
      .attr('refX', 9).attr('refY', 0).attr('markerWidth', 9).attr('markerHeight', 9)
      .attr('orient', 'auto').attr('markerUnits', 'userSpaceOnUse')
      .append('path').attr('d', 'M0,-4L10,0L0,4').attr('class', `arrow ${kind}`);
  }
  const root = s.append('g');

  const pairs = new Set(edges.map((e) => `${e.source.id}\u0000${e.target.id}`));
  const link = root.append('g').attr('class', 'edges').selectAll('path')
    .data(edges).join('path')
    .attr('class', (e) => (e.conflict ? 'edge conflict' : 'edge coop'))
    .attr('data-testid', 'network-edge')
    .attr('stroke-width', (e) => wEdge(e.events || 0))
    .attr('marker-end', (e) => (e.source === e.target ? null : `url(#arrow-${e.conflict ? 'conflict' : 'coop'})`))
    .attr('d', (e) => edgePath(e, radius(e.source), radius(e.target),
      pairs.has(`${e.target.id}\u0000${e.source.id}`)));
  link.append('title').text((e) => `${e.source.label || e.source.id} → ${e.target.label || e.target.id}: `
    + `${fmtNumber(e.events)} event${e.events === 1 ? '' : 's'}, mean Goldstein ${fmtGoldstein(e.goldstein)}`
    + (e.conflict ? ' (conflict)' : ' (cooperation)'));

  const sel = (selected || '').toUpperCase();
  const node = root.append('g').attr('class', 'nodes').selectAll('g')
    .data(nodes).join('g')
    .attr('class', (n) => (sel && n.id.toUpperCase().startsWith(sel) ? 'node selected' : 'node'))
    .attr('data-testid', 'network-node')
    .attr('data-id', (n) => n.id)
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('aria-label', (n) => `${n.label || n.id}: ${n.events} events; filter by this actor`)
    .attr('transform', (n) => `translate(${n.x},${n.y})`);
  // an invisible box over the circle and its label, so the whole node is one click target
  const hit = node.append('rect').attr('class', 'hit');
  node.append('circle').attr('r', radius);
  const label = node.append('text').attr('x', (n) => radius(n) + 4).attr('dy', '0.35em')
    .text((n) => n.label || n.id);
  label.each(function size(n) {
    let tw = 0;
    try {
      tw = this.getComputedTextLength();
    } catch {
      tw = 0;
    }
    n.labelWidth = tw || 7 * String(n.label || n.id).length;
  });
  hit.attr('x', (n) => -radius(n)).attr('y', (n) => -Math.max(radius(n), 8))
    .attr('width', (n) => 2 * radius(n) + 4 + n.labelWidth)
    .attr('height', (n) => 2 * Math.max(radius(n), 8));
  node.append('title').text((n) => {
    const bits = [n.label || n.id];
    if (n.label && n.label !== n.id) bits.push(`(${n.id})`);
    const extra = [n.country, n.sector].filter(Boolean).join(' ');
    if (extra) bits.push(`· ${extra}`);
    return `${bits.join(' ')}: ${fmtNumber(n.events)} events. Click to filter by this actor.`;
  });
  node.on('click', (ev, n) => onActor(n.id));
  node.on('keydown', (ev, n) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      onActor(n.id);
    }
  });

  s.call(zoom().scaleExtent([0.3, 8]).on('zoom', (ev) => root.attr('transform', ev.transform)));
}
