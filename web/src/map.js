// Map: country outlines from the bundled Natural Earth file (/static/countries-110m.json),
// and one circle per place of /v1/map, sized by events and coloured by mean Goldstein score.

import { select } from 'd3-selection';
import { scaleSqrt, scaleLinear } from 'd3-scale';
import { geoEqualEarth, geoPath, geoGraticule10 } from 'd3-geo';
import { zoom, zoomIdentity } from 'd3-zoom';
import { feature } from 'topojson-client';
import { api } from './api.js';
import { svgEl, clear, emptyState, fmtNumber, fmtGoldstein } from './dom.js';

const W = 960;
const H = 500;
let countriesPromise = null;

function loadCountries() {
  if (!countriesPromise) {
    countriesPromise = api('/static/countries-110m.json').then(
      (topo) => feature(topo, topo.objects.countries),
      (err) => {
        countriesPromise = null; // try again next time
        throw err;
      },
    );
  }
  return countriesPromise;
}

export const goldsteinColor = scaleLinear().domain([-7, 0, 7])
  .range(['#c0392b', '#9e9e9e', '#1f6fb5']).clamp(true);

export async function renderMap({ container, summary, data, onPlace }) {
  const countries = await loadCountries();
  clear(container);
  clear(summary);

  const places = (data.places || []).filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
  const unplaced = (data.places || []).length - places.length;
  const total = (data.places || []).reduce((n, p) => n + (p.events || 0), 0);

  const projection = geoEqualEarth().fitExtent([[4, 4], [W - 4, H - 4]], { type: 'Sphere' });
  const path = geoPath(projection);

  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, class: 'map-svg', role: 'img',
    'aria-label': 'Map of event places' });
  container.appendChild(svg);
  const s = select(svg);
  const world = s.append('g').attr('class', 'world');
  world.append('path').attr('class', 'sphere').attr('d', path({ type: 'Sphere' }));
  world.append('path').attr('class', 'graticule').attr('d', path(geoGraticule10()));
  world.append('g').attr('class', 'countries').selectAll('path')
    .data(countries.features).join('path')
    .attr('d', path)
    .append('title').text((d) => (d.properties && d.properties.name) || '');

  const r = scaleSqrt().domain([0, Math.max(1, ...places.map((p) => p.events || 0))]).range([0, 24]);
  const radius = (p) => Math.max(3, r(p.events || 0));
  // big circles first, so small ones stay on top and clickable
  const sorted = places.slice().sort((a, b) => (b.events || 0) - (a.events || 0));
  const dots = world.append('g').attr('class', 'places').selectAll('circle')
    .data(sorted).join('circle')
    .attr('data-testid', 'map-place')
    .attr('data-name', (p) => p.name || '')
    .attr('data-events', (p) => p.events || 0)
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('aria-label', (p) => `${p.name || 'unnamed place'}: ${p.events} events`)
    .attr('cx', (p) => projection([p.lon, p.lat])[0])
    .attr('cy', (p) => projection([p.lon, p.lat])[1])
    .attr('r', radius)
    .attr('fill', (p) => (p.goldstein === null || p.goldstein === undefined ? '#9e9e9e'
      : goldsteinColor(p.goldstein)));
  dots.append('title').text((p) => `${p.name || 'unnamed place'}${p.country ? ' (' + p.country + ')' : ''}: `
    + `${fmtNumber(p.events)} event${p.events === 1 ? '' : 's'}, mean Goldstein ${fmtGoldstein(p.goldstein)}`);
  const pick = (p) => onPlace(p.name || p.country || '');
  dots.on('click', (ev, p) => pick(p));
  dots.on('keydown', (ev, p) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      pick(p);
    }
  });

  const z = zoom().scaleExtent([1, 12]).translateExtent([[0, 0], [W, H]])
    .on('zoom', (ev) => {
      world.attr('transform', ev.transform);
      dots.attr('r', (p) => radius(p) / Math.sqrt(ev.transform.k));
    });
  s.call(z).call(z.transform, zoomIdentity);

  const parts = [`${fmtNumber(places.length)} place${places.length === 1 ? '' : 's'}`,
    `${fmtNumber(total)} events`];
  if (unplaced) parts.push(`${fmtNumber(unplaced)} place${unplaced === 1 ? '' : 's'} without coordinates (not drawn)`);
  summary.textContent = parts.join(' · ');
  if (places.length === 0) {
    container.insertBefore(emptyState(unplaced ? 'No events with a mapped place match the filters.'
      : 'No events match the filters.'), svg);
  }
}
