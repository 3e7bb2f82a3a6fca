// The playground page: sends the prompt to POST /v1/scan (the LockLLM scan API contract) and
// renders the answer. User text only ever reaches the page through textContent, never innerHTML.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const form = $('scan-form');
  const button = $('scan-button');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = $('prompt').value;
    if (input.length === 0) {
      showError({ status: null, message: 'Type a prompt to scan.', type: 'invalid_request_error', code: 'empty_prompt' });
      return;
    }
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    const piiAction = $('pii-action').value;
    // "off" sends no header: the scan server then skips PII detection, as the LockLLM API does.
    if (piiAction !== 'off') {
      headers['X-LockLLM-PII-Action'] = piiAction;
    }
    // A gateway with client keys answers 401 without one; the key stays in the field, never stored.
    const gatewayKey = $('gateway-key').value.trim();
    if (gatewayKey !== '') {
      headers['X-LockLLM-Key'] = gatewayKey;
    }
    button.disabled = true;
    $('status').textContent = 'Scanning…';
    try {
      const response = await fetch('v1/scan', {
        method: 'POST',
        headers,
        body: JSON.stringify({ input, sensitivity: $('sensitivity').value }),
      });
      const text = await response.text();
      let body = null;
      try {
        body = JSON.parse(text);
      } catch (e) {
        // Not JSON (a proxy's HTML error page, say): shown as it came, below.
      }
      if (!response.ok || body === null || typeof body !== 'object') {
        const error = body && body.error ? body.error : { message: text.slice(0, 500) || response.statusText };
        showError({ status: response.status, message: error.message, type: error.type, code: error.code });
      } else {
        showResult(input, body);
      }
      $('status').textContent = body && body.request_id ? 'Scanned (request ' + body.request_id + ').' : 'Done.';
    } catch (e) {
      showError({ status: null, message: 'Could not reach the scan server: ' + e.message, type: 'network_error' });
      $('status').textContent = '';
    } finally {
      button.disabled = false;
    }
  });

  function showError(error) {
    $('result').hidden = true;
    $('error-status').textContent = error.status ? '(HTTP ' + error.status + ')' : '';
    $('error-message').textContent = error.message || 'Unknown error';
    $('error-type').textContent = error.type || '–';
    $('error-code').textContent = error.code || '–';
    $('error').hidden = false;
  }

  function showResult(input, scan) {
    $('error').hidden = true;
    const verdict = $('verdict');
    verdict.textContent = scan.safe ? 'safe' : 'flagged';
    verdict.className = 'verdict ' + (scan.safe ? 'safe' : 'flagged');
    $('injection-score').textContent = score(scan.injection);
    $('confidence').textContent = score(scan.confidence);

    const pii = scan.pii_result || null;
    const types = pii && Array.isArray(pii.entity_types) ? pii.entity_types : [];
    setOrNone($('pii-types'), types.join(', '), 'none');

    const findings = Array.isArray(scan.findings) ? scan.findings : [];
    renderHighlighted($('highlighted'), input, findings);
    renderFindingList($('findings-list'), input, findings);

    const redacted = pii && typeof pii.redacted_input === 'string' ? pii.redacted_input : '';
    setOrNone($('redacted'), redacted, 'No redaction (PII action is not strip, or no PII found).');
    $('result').hidden = false;
  }

  function score(value) {
    return typeof value === 'number' ? value.toFixed(1) + ' / 100' : '–';
  }

  function setOrNone(element, text, none) {
    element.textContent = text || none;
    element.classList.toggle('none', !text);
  }

  // Findings overlap (a model finding may span the whole prompt): cut the input at every finding
  // boundary and mark each piece that lies inside at least one finding, titled with its categories.
  function renderHighlighted(container, input, findings) {
    container.replaceChildren();
    const spans = findings
      .filter((f) => Number.isInteger(f.start) && Number.isInteger(f.end) && f.start < f.end)
      .map((f) => ({ start: Math.max(0, f.start), end: Math.min(input.length, f.end), category: String(f.category) }))
      .filter((f) => f.start < f.end);
    const cuts = new Set([0, input.length]);
    spans.forEach((f) => { cuts.add(f.start); cuts.add(f.end); });
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const from = points[i];
      const to = points[i + 1];
      const piece = input.slice(from, to);
      const covering = spans.filter((f) => f.start <= from && to <= f.end).map((f) => f.category);
      if (covering.length === 0) {
        container.append(document.createTextNode(piece));
        continue;
      }
      const mark = document.createElement('mark');
      mark.textContent = piece;
      mark.title = [...new Set(covering)].join(', ');
      mark.dataset.category = mark.title;
      // Personal data shows as such even inside a whole-prompt model finding; attack text covered by
      // several findings shows darker, so a specific phrase stands out from a whole-prompt span.
      if (covering.some((c) => c.startsWith('pii:'))) {
        mark.classList.add('pii');
      } else if (covering.length > 1) {
        mark.classList.add('strong');
      }
      container.append(mark);
    }
  }

  function renderFindingList(list, input, findings) {
    list.replaceChildren();
    if (findings.length === 0) {
      const item = document.createElement('li');
      item.className = 'none';
      item.textContent = 'No findings.';
      list.append(item);
      return;
    }
    findings.forEach((f) => {
      const item = document.createElement('li');
      const code = document.createElement('code');
      code.textContent = f.category;
      item.append(code, document.createTextNode(
        ' [' + f.start + ', ' + f.end + ') score ' + score(f.score) + ': "' + input.slice(f.start, f.end) + '"'));
      list.append(item);
    });
  }
})();
