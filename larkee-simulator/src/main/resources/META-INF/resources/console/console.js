// larkee dev console: plain JS against <larkee's API path>/simulator/console (served only in simulator mode);
// api-base.js, loaded first, says where the WAR maps larkee's API (window.LARKEE_API).
'use strict';
const api = (window.LARKEE_API || '../api') + '/simulator/console/';

function show(id, text, ok) {
  const el = document.getElementById(id);
  el.textContent = text;
  el.className = 'note ' + (ok ? 'ok' : 'error');
}

async function call(path, body) {
  const res = await fetch(api + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : {'Content-Type': 'application/json'},
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  let json = null;
  try { json = await res.json(); } catch (e) { /* a non-JSON answer is reported below */ }
  if (!res.ok) {
    throw new Error((json && json.msg) || ('HTTP ' + res.status));
  }
  return json;
}

function cell(row, text, cls) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  if (cls) td.className = cls;
  row.appendChild(td);
}

function render(state) {
  const conns = document.querySelector('#connections tbody');
  conns.replaceChildren();
  for (const c of state.connections) {
    const tr = document.createElement('tr');
    cell(tr, c.index); cell(tr, c.state); cell(tr, c.deviceId); cell(tr, c.alive ? 'yes' : 'no');
    cell(tr, c.reconnects); cell(tr, c.lastPong); cell(tr, c.lastError);
    conns.appendChild(tr);
  }
  const list = document.querySelector('#exchanges tbody');
  list.replaceChildren();
  for (const x of state.exchanges) {
    const tr = document.createElement('tr');
    cell(tr, new Date(x.at).toLocaleTimeString()); cell(tr, x.transport); cell(tr, x.type); cell(tr, x.eventId);
    cell(tr, x.status); cell(tr, x.problem ? x.problem : x.reply, 'reply'); cell(tr, x.latencyMs + ' ms');
    list.appendChild(tr);
  }
}

async function refresh() {
  try {
    render(await call('state'));
  } catch (e) {
    show('control-result', 'Cannot reach the simulator: ' + e.message, false);
  }
}

function kindChanged() {
  const kind = document.getElementById('kind').value;
  for (const el of document.querySelectorAll('#send-form label[class]')) {
    el.hidden = !el.classList.contains('for-' + kind);
  }
  const legacy = kind === 'legacy';
  for (const r of document.querySelectorAll('input[name=transport]')) {
    r.disabled = legacy && r.value !== 'webhook';
    if (legacy && r.value === 'webhook') r.checked = true;
  }
}

async function send(event) {
  event.preventDefault();
  const kind = document.getElementById('kind').value;
  const request = {
    kind: kind,
    transport: document.querySelector('input[name=transport]:checked').value,
    value: document.getElementById('value').value,
    url: document.getElementById('url').value,
    eventType: document.getElementById('event-type').value,
    fields: document.getElementById('fields').value,
    raw: document.getElementById('raw').value
  };
  show('send-result', 'Sending…', true);
  try {
    const x = await call('send', request);
    show('send-result', x.problem ? 'Sent; ' + x.problem : 'Answered ' + x.status + ' in ' + x.latencyMs + ' ms: ' + (x.reply || '(no reply body)'), !x.problem);
  } catch (e) {
    show('send-result', e.message, false);
  }
  refresh();
}

async function control(path, label) {
  try {
    const r = await call(path, {});
    show('control-result', label + ': ' + r.msg, true);
  } catch (e) {
    show('control-result', label + ' failed: ' + e.message, false);
  }
  refresh();
}

document.getElementById('kind').addEventListener('change', kindChanged);
document.getElementById('send-form').addEventListener('submit', send);
document.getElementById('drop').addEventListener('click', () => control('drop', 'Drop connection'));
document.getElementById('stop-pings').addEventListener('click', () => control('pings/stop', 'Stop answering pings'));
document.getElementById('resume-pings').addEventListener('click', () => control('pings/resume', 'Answer pings again'));
kindChanged();
refresh();
setInterval(refresh, 1000);
