// SahaBot console: chat through the real webhook path, signed as Meta signs, and read replies from
// the recording Graph API sink; look after tenants through the tenant API.
const $ = (id) => document.getElementById(id);
const seen = new Map(); // conversation -> number of recorded messages already shown

function conversation() { return $('business').value.trim() + '|' + $('sender').value.trim(); }

// Meta escapes every non-ASCII character as \uXXXX and signs those bytes.
function metaJson(value) {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

async function sign(body, secret) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body));
  return 'sha256=' + [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function postWebhook(message) {
  const value = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: $('display').value, phone_number_id: $('business').value.trim() },
    contacts: [{ profile: { name: $('name').value }, wa_id: $('sender').value.trim() }],
    messages: [Object.assign({
      from: $('sender').value.trim(),
      id: 'wamid.console.' + crypto.randomUUID(),
      timestamp: String(Math.floor(Date.now() / 1000)),
    }, message)],
  };
  const body = metaJson({ object: 'whatsapp_business_account',
    entry: [{ id: 'console', changes: [{ field: 'messages', value }] }] });
  const response = await fetch('/ingress/webhook', { method: 'POST', body,
    headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': await sign(body, $('secret').value) } });
  $('status').textContent = response.ok ? 'Delivered to Kafka.' : 'Webhook answered ' + response.status;
}

function bubble(cls) {
  const div = document.createElement('div');
  div.className = 'msg ' + cls;
  $('chat').appendChild(div);
  $('chat').scrollTop = $('chat').scrollHeight;
  return div;
}

function showMine(text) { bubble('me').textContent = text; }

function choose(kind, id, title) {
  showMine(title);
  const interactive = kind === 'button'
    ? { type: 'button_reply', button_reply: { id, title } }
    : { type: 'list_reply', list_reply: { id, title } };
  postWebhook({ type: 'interactive', interactive });
}

// recorded.body is the JSON object the Graph API would have been sent
function showReply(recorded) {
  const body = recorded.body;
  const div = bubble('bot');
  if (body.type === 'text') {
    div.textContent = body.text.body;
  } else if (body.type === 'interactive') {
    const i = body.interactive;
    div.textContent = i.body.text + '\n';
    if (i.type === 'button') {
      i.action.buttons.forEach((b) => {
        const button = document.createElement('button');
        button.textContent = b.reply.title;
        button.onclick = () => choose('button', b.reply.id, b.reply.title);
        div.appendChild(button);
      });
    } else {
      i.action.sections.flatMap((s) => s.rows).forEach((r) => {
        const button = document.createElement('button');
        button.textContent = r.title + (r.description ? ' · ' + r.description : '');
        button.onclick = () => choose('list', r.id, r.title);
        div.appendChild(button);
      });
    }
  } else if (body.type === 'image') {
    div.textContent = body.image.caption || '';
    const img = document.createElement('img');
    img.alt = body.image.caption || 'image';
    img.src = recorded.media ? 'data:' + recorded.media.mimeType + ';base64,' + recorded.media.dataBase64
      : body.image.link;
    div.appendChild(img);
  } else if (body.type === 'location') {
    const l = body.location;
    div.textContent = '📍 ' + [l.name, l.address].filter((x) => x).join(', ')
      + ' (' + l.latitude + ', ' + l.longitude + ')';
  } else {
    div.textContent = JSON.stringify(body);
  }
}

async function poll() {
  const key = conversation();
  try {
    const params = new URLSearchParams({ phoneNumberId: $('business').value.trim(), to: $('sender').value.trim() });
    const response = await fetch('/ingress/recorded?' + params);
    const messages = response.ok ? (await response.json()).messages : null;
    // the conversation may have been switched while this request was out: drop its answer
    if (messages && key === conversation()) {
      const shown = seen.get(key) || 0;
      seen.set(key, messages.length);
      messages.slice(shown).forEach((m) => {
        try { showReply(m); } catch (e) { bubble('bot').textContent = 'Cannot show ' + JSON.stringify(m.body) + ': ' + e; }
      });
    }
  } catch (e) { /* services starting */ }
  setTimeout(poll, 800);
}

function switchConversation() {
  $('chat').innerHTML = '';
  seen.delete(conversation());
}

$('composer').onsubmit = async (event) => {
  event.preventDefault();
  const text = $('text').value.trim();
  if (!text) return;
  $('text').value = '';
  showMine(text);
  await postWebhook({ type: 'text', text: { body: text } });
};
['business', 'sender'].forEach((id) => $(id).addEventListener('change', switchConversation));

// ---- tenants ------------------------------------------------------------------------------
let selected = null;
const admin = () => ({ Authorization: 'Bearer ' + $('admin-token').value, 'Content-Type': 'application/json' });

async function loadTenants() {
  const response = await fetch('/tenant/api/tenants?size=100', { headers: admin() });
  const tbody = $('tenants').querySelector('tbody');
  tbody.innerHTML = '';
  if (!response.ok) { tbody.innerHTML = '<tr><td colspan=3>tenant API answered ' + response.status + '</td></tr>'; return; }
  const page = await response.json();
  $('known-businesses').innerHTML = '';
  page.items.forEach((t) => {
    const tr = document.createElement('tr');
    tr.innerHTML = '<td></td><td></td><td></td>';
    tr.children[0].textContent = t.businessName;
    tr.children[1].textContent = t.phoneNumberId;
    tr.children[2].textContent = t.active ? 'yes' : 'no';
    tr.onclick = () => showTenant(t);
    tbody.appendChild(tr);
    const option = document.createElement('option');
    option.value = t.phoneNumberId;
    $('known-businesses').appendChild(option);
  });
}

async function showTenant(t) {
  selected = t;
  $('tenant-detail').hidden = false;
  $('tenant-title').textContent = t.businessName;
  $('tenant-name').value = t.businessName;
  $('tenant-admins').value = (t.settings.adminNumbers || []).join(', ');
  $('tenant-settings').value = JSON.stringify(t.settings, null, 2);
  $('toggle-tenant').textContent = t.active ? 'Deactivate' : 'Activate';
  $('tenant-message').textContent = '';
  const stats = await fetch('/tenant/api/tenants/' + t.id + '/stats', { headers: admin() });
  $('tenant-stats').textContent = stats.ok ? Object.entries(await stats.json()).map(([k, v]) => k + ': ' + v).join(' · ')
    : 'stats: ' + stats.status;
}

$('refresh-tenants').onclick = loadTenants;
$('save-tenant').onclick = async () => {
  let settings;
  try { settings = JSON.parse($('tenant-settings').value); } catch (e) { $('tenant-message').textContent = 'Settings are not JSON: ' + e.message; return; }
  settings.adminNumbers = $('tenant-admins').value.split(',').map((s) => s.trim()).filter(Boolean);
  const response = await fetch('/tenant/api/tenants/' + selected.id, { method: 'PATCH', headers: admin(),
    body: JSON.stringify({ businessName: $('tenant-name').value, settings }) });
  const answer = await response.json().catch(() => ({}));
  // showTenant clears the message: show the tenant first, then say it was saved
  if (response.ok) { await showTenant(answer); loadTenants(); }
  $('tenant-message').textContent = response.ok ? 'Saved.' : (answer.detail || answer.title || 'tenant API answered ' + response.status);
};
$('toggle-tenant').onclick = async () => {
  const action = selected.active ? 'deactivate' : 'activate';
  const response = await fetch('/tenant/api/tenants/' + selected.id + '/' + action, { method: 'POST', headers: admin() });
  if (response.ok) { showTenant(await response.json()); loadTenants(); }
};

poll();
loadTenants();
setInterval(loadTenants, 10000);
