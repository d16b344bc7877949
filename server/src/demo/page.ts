/**
 * The demo page: create a room (or join one from a shared link), then the `<poker-room>` element
 * from `/element.js`. Tokens come from the demo endpoints; the page never sees a secret key.
 * The page remembers its person (a random id in `localStorage`, sent as `person`) and its token per
 * room, so a reload or a new tab rejoins as the same participant instead of adding a second one.
 */
export function demoPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Poker Room — demo</title>
<style>${PAGE_CSS}</style>
<script type="module" src="/element.js"></script>
</head>
<body>
<header class="top">
  <a class="brand" href="/"><span class="logo" aria-hidden="true">♠</span> Poker Room <span class="tag">demo</span></a>
  <nav class="tools" aria-label="Display">
    <label>Theme
      <select id="theme">
        <option value="">System</option><option value="light">Light</option><option value="dark">Dark</option>
      </select>
    </label>
    <label><input type="checkbox" id="presenter"> Presenter mode</label>
  </nav>
</header>
<main id="app">
  <section id="create" class="card" hidden>
    <h1>Estimate together, in one tag.</h1>
    <p class="lead">Create a room, share the link, vote. This page is the <code>&lt;poker-room&gt;</code> element on a plain HTML page.</p>
    <form id="create-form">
      <label>Your name <input name="name" required maxlength="64" autocomplete="name" placeholder="Ada Lovelace"></label>
      <label>Room name <input name="roomName" maxlength="64" value="Sprint 42 planning"></label>
      <label>Deck
        <select name="deck">
          <option value="modified-fibonacci">Modified Fibonacci (0, ½, 1, 2, 3, 5, 8, 13, 20, 40, 100)</option>
          <option value="fibonacci">Fibonacci (0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89)</option>
          <option value="t-shirt">T-shirt sizes (XS – XXL)</option>
          <option value="powers-of-two">Powers of two (0 – 64)</option>
        </select>
      </label>
      <label>Stories to estimate, one per line
        <textarea name="stories" rows="4">Checkout: pay with saved card
Search results: filter by price
Export invoices as CSV</textarea>
      </label>
      <button type="submit">Create room</button>
      <p class="error" role="alert" id="create-error"></p>
    </form>
  </section>
  <section id="join" class="card" hidden>
    <h1 id="join-heading">Join the room</h1>
    <p class="lead">You were invited to estimate with your team.</p>
    <form id="join-form">
      <label>Your name <input name="name" required maxlength="64" autocomplete="name"></label>
      <label class="inline"><input type="checkbox" name="observer"> Join as an observer (don't vote)</label>
      <button type="submit">Join</button>
      <p class="error" role="alert" id="join-error"></p>
    </form>
  </section>
  <section id="room" hidden>
    <h1 style="position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap">Planning poker room</h1>
    <div class="invite">
      <label for="invite-link">Invite your team</label>
      <input id="invite-link" readonly>
      <button type="button" id="copy">Copy link</button>
    </div>
    <div id="slot"></div>
    <details class="log"><summary>Events for the host page</summary><ol id="log"></ol></details>
  </section>
</main>
<script type="module">${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

const PAGE_CSS = `
:root { color-scheme: light dark; --bg: #f4f5f9; --fg: #151823; --muted: #535a6c; --card: #fff; --line: #dbdfe8; --accent: #4f46e5; --on-accent: #fff; }
@media (prefers-color-scheme: dark) { :root:not([data-theme=light]) { --bg: #0e1016; --fg: #eceef5; --muted: #a4abbd; --card: #171a23; --line: #2f3444; --accent: #8e8cfb; --on-accent: #0e1016; } }
:root[data-theme=dark] { --bg: #0e1016; --fg: #eceef5; --muted: #a4abbd; --card: #171a23; --line: #2f3444; --accent: #8e8cfb; --on-accent: #0e1016; color-scheme: dark; }
:root[data-theme=light] { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; background: var(--bg); color: var(--fg); }
.top { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; padding: .75rem 1.25rem; border-bottom: 1px solid var(--line); background: var(--card); }
.brand { font-weight: 800; font-size: 1.1rem; color: inherit; text-decoration: none; display: flex; align-items: center; gap: .4rem; }
.logo { display: grid; place-items: center; width: 1.9rem; height: 1.9rem; border-radius: 8px; background: var(--accent); color: var(--on-accent); }
.tag { font-size: .7rem; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; padding: .05rem .45rem; border-radius: 999px; border: 1px solid var(--line); color: var(--muted); }
.tools { display: flex; gap: 1rem; align-items: center; font-size: .9rem; color: var(--muted); }
.tools label { display: flex; gap: .4rem; align-items: center; }
main { max-width: 1180px; margin: 0 auto; padding: 1.25rem; }
.card { max-width: 560px; margin: 2rem auto; padding: 1.75rem; background: var(--card); border: 1px solid var(--line); border-radius: 16px; }
h1 { margin: 0 0 .35rem; font-size: 1.6rem; letter-spacing: -.02em; }
.lead { margin: 0 0 1.25rem; color: var(--muted); }
form { display: grid; gap: .9rem; }
form label { display: grid; gap: .3rem; font-weight: 600; font-size: .9rem; }
form label.inline { display: flex; align-items: center; gap: .5rem; font-weight: 500; }
input, select, textarea { font: inherit; color: inherit; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .55rem .7rem; }
textarea { resize: vertical; }
button { font: inherit; font-weight: 700; cursor: pointer; border: 0; border-radius: 999px; padding: .7rem 1.2rem; background: var(--accent); color: var(--on-accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.error { color: #b42318; margin: 0; min-height: 1.2em; }
.invite { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-bottom: 1rem; padding: .75rem 1rem; background: var(--card); border: 1px solid var(--line); border-radius: 12px; }
.invite label { font-weight: 700; }
.invite input { flex: 1 1 14rem; min-width: 0; }
.invite button { padding: .5rem 1rem; }
.log { margin-top: 1rem; color: var(--muted); font-size: .85rem; }
.log ol { font-family: ui-monospace, monospace; max-height: 12rem; overflow: auto; }
@media (max-width: 480px) { main { padding: .5rem; } .card { margin: 1rem auto; padding: 1.25rem; } .top { padding: .6rem .75rem; } }
`;

const PAGE_SCRIPT = `
const params = new URLSearchParams(location.search);
const roomId = params.get('room');
const $ = (id) => document.getElementById(id);
const storageKey = (id) => 'pokerroom-demo:' + id;
// Who uses this browser: the same person is the same participant in every room, after a reload or in a new tab.
// (randomUUID needs a secure context; getRandomValues works on a plain-http LAN address too.)
const person = localStorage.getItem('pokerroom-demo:person') ||
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
localStorage.setItem('pokerroom-demo:person', person);
const rememberedName = localStorage.getItem('pokerroom-demo:name') || '';
for (const input of document.querySelectorAll('#create-form input[name=name], #join-form input[name=name]')) input.value = rememberedName;
const show = (id) => { for (const s of ['create', 'join', 'room']) $(s).hidden = s !== id; };

const theme = params.get('theme') || localStorage.getItem('pokerroom-demo:theme') || '';
$('theme').value = theme;
const applyTheme = (value) => {
  if (value) document.documentElement.dataset.theme = value; else delete document.documentElement.dataset.theme;
  const room = document.querySelector('poker-room');
  if (room) { if (value) room.setAttribute('theme', value); else room.removeAttribute('theme'); }
};
applyTheme(theme);
$('theme').addEventListener('change', (event) => { localStorage.setItem('pokerroom-demo:theme', event.target.value); applyTheme(event.target.value); });
$('presenter').addEventListener('change', (event) => { document.querySelector('poker-room')?.toggleAttribute('presenter', event.target.checked); });

async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json();
  if (!response.ok) throw new Error(json.detail || json.title || 'Request failed');
  return json;
}

function enter(id, token) {
  localStorage.setItem(storageKey(id), token);
  history.replaceState(null, '', '/?room=' + encodeURIComponent(id));
  $('invite-link').value = location.origin + '/?room=' + encodeURIComponent(id);
  const room = document.createElement('poker-room');
  room.setAttribute('server', location.origin);
  room.setAttribute('token', token);
  if (theme) room.setAttribute('theme', theme);
  if ($('presenter').checked) room.setAttribute('presenter', '');
  for (const type of ['pokerroom-vote', 'pokerroom-reveal', 'pokerroom-finalize', 'pokerroom-round', 'pokerroom-status', 'pokerroom-error']) {
    room.addEventListener(type, (event) => {
      const item = document.createElement('li');
      item.textContent = new Date().toLocaleTimeString() + '  ' + type + '  ' + JSON.stringify(event.detail).slice(0, 160);
      $('log').prepend(item);
    });
  }
  $('slot').replaceChildren(room);
  show('room');
}

$('copy').addEventListener('click', async () => {
  $('invite-link').select();
  try { await navigator.clipboard.writeText($('invite-link').value); $('copy').textContent = 'Copied!'; }
  catch { document.execCommand('copy'); }
  setTimeout(() => { $('copy').textContent = 'Copy link'; }, 1500);
});

$('create-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(event.target);
  try {
    const stories = String(data.get('stories') || '').split('\\n').map((line) => line.trim()).filter(Boolean);
    localStorage.setItem('pokerroom-demo:name', String(data.get('name')));
    const result = await post('/demo/rooms', { name: data.get('name'), roomName: data.get('roomName'), deck: data.get('deck'), stories, person });
    enter(result.roomId, result.token);
  } catch (error) { $('create-error').textContent = error.message; }
});

$('join-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(event.target);
  try {
    localStorage.setItem('pokerroom-demo:name', String(data.get('name')));
    const result = await post('/demo/rooms/' + encodeURIComponent(roomId) + '/join', { name: data.get('name'), role: data.get('observer') ? 'observer' : 'voter', person });
    enter(result.roomId, result.token);
  } catch (error) { $('join-error').textContent = error.message; }
});

const saved = roomId && localStorage.getItem(storageKey(roomId));
if (saved) enter(roomId, saved);
else if (roomId) {
  show('join');
  document.querySelector('#join-form input').focus();
  fetch('/demo/rooms/' + encodeURIComponent(roomId)).then((response) => response.ok ? response.json() : null).then((room) => {
    if (room) { $('join-heading').textContent = 'Join “' + room.name + '”'; document.title = room.name + ' · Poker Room'; }
  }, () => {});
}
else { show('create'); document.querySelector('#create-form input').focus(); }
`;
