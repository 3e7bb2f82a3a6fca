// The dashboard: polls GET /dashboard/stats (the gateway's own meters: counts since start, latency,
// caches, breakers), keeps a short history of the counts' deltas and draws it. Nothing here sees a
// prompt or an answer; tag values (client key names, categories) reach the page through textContent.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const OUTCOMES = ['allowed', 'warned', 'blocked', 'invalid', 'error', 'fail_open', 'unscanned'];
  const HISTORY = 90;
  const SVG = 'http://www.w3.org/2000/svg';
  // ?every=500 polls faster (the browser test); 2 s otherwise.
  const every = Math.max(250, Number(new URLSearchParams(location.search).get('every')) || 2000);
  let previous = null;
  let history = [];
  let timer = null;

  $('admin-key').addEventListener('change', () => {
    previous = null;
    history = [];
    poll();
  });

  async function poll() {
    clearTimeout(timer);
    const headers = { Accept: 'application/json' };
    const key = $('admin-key').value.trim();
    if (key !== '') {
      headers['X-LockLLM-Key'] = key;
    }
    try {
      const response = await fetch('dashboard/stats', { headers, cache: 'no-store' });
      const text = await response.text();
      let body = null;
      try {
        body = JSON.parse(text);
      } catch (e) {
        // Not JSON (a proxy's error page): shown as it came.
      }
      if (!response.ok || body === null || typeof body !== 'object') {
        const error = body && body.error ? body.error : { message: text.slice(0, 300) || response.statusText };
        showError(response.status, error.message);
      } else {
        $('error').hidden = true;
        show(body);
        $('status').textContent = 'Updated ' + new Date(body.time).toLocaleTimeString() + ', every '
          + (every / 1000) + ' s.';
      }
    } catch (e) {
      showError(null, 'Could not reach the gateway: ' + e.message);
    }
    timer = setTimeout(poll, every);
  }

  function showError(status, message) {
    $('error-status').textContent = status ? '(HTTP ' + status + ')' : '';
    $('error-message').textContent = message || 'Unknown error';
    $('error').hidden = false;
    $('status').textContent = '';
  }

  function show(stats) {
    const outcomes = stats.outcomes || {};
    OUTCOMES.forEach((o) => { $('count-' + o).textContent = integer(outcomes[o]); });
    record(stats.time, outcomes);
    drawChart();

    const latency = stats.latency || {};
    ['p50', 'p95', 'p99', 'mean', 'max'].forEach((p) => { $('latency-' + p).textContent = millis(latency[p]); });
    $('latency-count').textContent = integer(latency.count);

    const caches = stats.caches || {};
    $('cache-scan').textContent = cache(caches.scan);
    $('cache-answer').textContent = cache(caches.answer);
    const breakers = stats.breakers || {};
    breaker($('breaker-redis'), breakers.redis);
    breaker($('breaker-client'), breakers.client);
    $('fail-open').textContent = integer(stats.failOpen);

    list($('categories'), stats.categories, 'No category counted yet.');
    list($('client-keys'), stats.clientKeys, 'No client counted yet.');
    list($('routes'), stats.routes, 'No route counted yet.');
    list($('answers'), Object.entries(stats.answers || {}).map(([name, count]) => ({ name, count })),
      'No answer counted yet.');
  }

  // Counts are totals since start: a point is each outcome's rate since the previous poll. A total
  // that went down means the gateway restarted; its new total is then the delta.
  function record(time, outcomes) {
    if (previous !== null && time > previous.time) {
      const seconds = (time - previous.time) / 1000;
      const rates = {};
      OUTCOMES.forEach((o) => {
        const now = outcomes[o] || 0;
        const before = previous.outcomes[o] || 0;
        rates[o] = (now >= before ? now - before : now) / seconds;
      });
      history.push({ time, rates });
      history = history.slice(-HISTORY);
    }
    previous = { time, outcomes };
  }

  function drawChart() {
    const svg = $('chart');
    svg.replaceChildren();
    const width = Math.max(320, Math.round(svg.getBoundingClientRect().width) || 640);
    const height = 200;
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    const left = 44;
    const bottom = 20;
    const top = 8;
    const drawn = OUTCOMES.filter((o) => o === 'allowed' || o === 'blocked' || history.some((h) => h.rates[o] > 0));
    const peak = Math.max(1, ...history.flatMap((h) => drawn.map((o) => h.rates[o])));
    const y = (v) => top + (height - top - bottom) * (1 - v / peak);
    // The window is the full history once it is full; until then, the time the page has been watching.
    const end = history.length ? history[history.length - 1].time : Date.now();
    const span = history.length > 1 ? Math.min(HISTORY * every, end - history[0].time) : HISTORY * every;
    const x = (t) => left + (width - left - 4) * (1 - Math.min(1, (end - t) / span));

    [0, peak / 2, peak].forEach((v) => {
      svg.append(element('line', { class: 'axis', x1: left, x2: width - 4, y1: y(v), y2: y(v) }));
      const label = element('text', { class: 'tick', x: left - 6, y: y(v) + 4, 'text-anchor': 'end' });
      label.textContent = v >= 10 ? v.toFixed(0) : v.toFixed(1);
      svg.append(label);
    });
    const caption = element('text', { class: 'tick', x: left, y: height - 4 });
    caption.textContent = 'last ' + (span < 120000 ? Math.round(span / 1000) + ' s' : Math.round(span / 60000) + ' min');
    svg.append(caption);

    drawn.forEach((o) => {
      if (history.length === 0) {
        return;
      }
      const line = element('polyline', {
        points: history.map((h) => x(h.time).toFixed(1) + ',' + y(h.rates[o]).toFixed(1)).join(' '),
        'data-outcome': o,
      });
      line.style.stroke = 'var(--' + o + ')';
      svg.append(line);
    });

    const legend = $('legend');
    legend.replaceChildren();
    drawn.forEach((o) => {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.style.background = 'var(--' + o + ')';
      item.append(swatch, document.createTextNode(o.replace('_', ' ')));
      legend.append(item);
    });
  }

  function element(name, attributes) {
    const e = document.createElementNS(SVG, name);
    Object.entries(attributes).forEach(([k, v]) => e.setAttribute(k, String(v)));
    return e;
  }

  function list(container, items, none) {
    container.replaceChildren();
    if (!Array.isArray(items) || items.length === 0) {
      const item = document.createElement('li');
      item.className = 'none';
      item.textContent = none;
      container.append(item);
      return;
    }
    items.forEach((entry) => {
      const item = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = entry.name;
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = integer(entry.count);
      item.append(name, count);
      container.append(item);
    });
  }

  function breaker(element, state) {
    element.textContent = state || 'none';
    element.className = state ? 'state-' + state : '';
  }

  function cache(results) {
    if (!results) {
      return '–';
    }
    const hits = results.hit || 0;
    const misses = results.miss || 0;
    const all = hits + misses;
    return all === 0 ? 'no requests' : Math.round(100 * hits / all) + ' % hits (' + integer(hits) + ' of '
      + integer(all) + ')';
  }

  function integer(value) {
    return typeof value === 'number' ? Math.round(value).toLocaleString('en') : '0';
  }

  function millis(value) {
    if (typeof value !== 'number') {
      return '–';
    }
    return (value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0)) + ' ms';
  }

  poll();
})();
