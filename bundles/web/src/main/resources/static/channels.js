/*
 * OrderTower web console: the channels and partners page (#/channels). The shops of the channel runtime (their
 * pulls, lag and errors, their stock pushes per minute and the calls refused for their rate, with Pull now and a
 * 24-hour reconciliation of pulls against pushes), the partner calls that
 * failed for good (with Retry), the parcels the watch flagged as stuck, the listings matched to no master SKU, the
 * platform payloads that could not become orders, and the warehouse and carrier partners installed.
 *
 * Each section loads on its own: one that fails shows its error and the others still show. The page refreshes every
 * 30 s; what a button did (a pull report, a reconciliation, a refusal) stays under its row across refreshes. The
 * server decides who may pull or retry: a refusal (403) is shown as it comes.
 *
 * Uses the helpers of app.js (window.OrderTower) like pages.js: every piece of HTML is built with its html`` tag,
 * which escapes every interpolated value with esc().
 */
(() => {
  'use strict';

  const {
    pages, t, html, setHtml, mount, $, $$, fmtTime, fmtNum, fmtDuration, fmtAge, label, channelName, toast, table,
    notice, api,
  } = window.OrderTower;

  const REFRESH_MS = 30000;
  const LAG_LIMIT_S = 15 * 60; // a pull lag above this is highlighted
  const RECONCILE_HOURS = 24;
  const RECONCILE_LIST = 1000; // the server lists at most this many ids per side
  const LISTINGS_SHOWN = 200;
  const shopPath = (channel, shop) => '/api/v1/shops/' + encodeURIComponent(channel) + '/' + encodeURIComponent(shop);
  const shopKey = (channel, shop) => channel + '/' + shop;

  // ---------------------------------------------------------------- small pieces

  const time = (iso) => (iso ? html`<time datetime="${iso}">${fmtTime(iso)}</time>` : '–');

  /** "3 min ago", with the full time as a tooltip; "never" without a time. */
  function ago(iso, never) {
    if (!iso) return html`<span class="muted">${never || t('ch.never')}</span>`;
    return html`<time datetime="${iso}" title="${fmtTime(iso)}">${t('ch.ago', { age: fmtAge(iso) })}</time>`;
  }

  const orderLink = (id) => (Number(id) > 0 ? html`<a class="order-link" href="#/orders/${id}">#${id}</a>` : '–');
  const kindName = (kind) => label('fkind.', kind);
  const code = (value) => (value == null || value === '' ? '–' : html`<code>${value}</code>`);

  function section(id, title, hint) {
    return html`<section class="panel ch-section" id="${id}" aria-busy="false">
      <div class="section-head"><h2>${title}</h2><span class="tag section-count" hidden></span></div>
      ${hint ? html`<p class="muted small section-hint">${hint}</p>` : ''}
      <p class="notice error section-error" role="alert" hidden></p>
      <div class="section-body"><p class="muted loading-text">${t('common.loading')}</p></div>
    </section>`;
  }

  // ---------------------------------------------------------------- shops

  const shopColumns = () => [
    t('col.channel'), t('ch.col.shop'), t('ch.col.owned'), t('ch.col.lastPull'), t('ch.col.lag'), t('ch.col.pulled'),
    t('ch.col.events'), t('ch.col.pushRate'), t('ch.col.rateLimited'), t('ch.col.lastError'), t('ch.col.actions'),
  ];
  const NUM_COLUMNS = [4, 5, 6, 7, 8];

  /** Stock pushes per minute over the last 10 minutes, one decimal. */
  function perMinute(x) {
    return x == null || x === '' || isNaN(x) ? '–' : Number(x).toFixed(1);
  }

  /**
   * The shops, each a group of two rows: the shop, and under it what its buttons did (hidden while nothing).
   * results: shop key -> {op: 'pull' | 'reconcile', busy, data, error, at}.
   */
  function shopsTable(items, results) {
    const labels = shopColumns();
    const cell = (i, content, cls) => html`<td class="${cls || ''}" data-label="${labels[i]}">${content}</td>`;
    const body = items.map((s) => {
      const key = shopKey(s.channel, s.shop);
      const r = results.get(key);
      const busy = !!(r && r.busy);
      const lag = s.pullLagSeconds;
      const lagging = lag != null && Number(lag) > LAG_LIMIT_S;
      return html`<tbody class="shop-group" data-channel="${s.channel}" data-shop="${s.shop}">
        <tr class="shop-row ${s.lastError != null ? 'bad' : ''}" data-channel="${s.channel}" data-shop="${s.shop}" data-owned="${s.owned ? 'true' : 'false'}">
          ${cell(0, html`${channelName(s.channel)}<div class="muted small"><code>${s.channel}</code></div>`)}
          ${cell(1, html`<strong class="shop-name">${s.shop}</strong>${(s.capabilities || []).length
            ? html`<div class="caps muted small">${(s.capabilities || []).join(' · ')}</div>` : ''}`)}
          ${cell(2, s.owned ? html`<span class="tag owned">${t('ch.owned.yes')}</span>` : html`<span class="muted">${t('ch.owned.no')}</span>`, 'shop-owned')}
          ${cell(3, ago(s.lastPullAt), 'shop-last-pull')}
          ${cell(4, lag == null ? html`<span class="muted">${t('ch.notPulled')}</span>` : fmtDuration(Number(lag) * 1000),
            'num shop-lag' + (lagging ? ' lagging' : ''))}
          ${cell(5, fmtNum(s.ordersPulled), 'num shop-pulled')}
          ${cell(6, fmtNum(s.eventsReceived), 'num shop-events')}
          ${cell(7, html`<span class="push-rate" title="${t('ch.pushes.total', { n: fmtNum(s.pushes) })}">${perMinute(s.pushesPerMinute)}</span>${Number(s.pushFailures) > 0
            ? html`<div class="bad-text small push-failures">${t('ch.pushes.failed', { n: fmtNum(s.pushFailures) })}</div>` : ''}`, 'num shop-push-rate')}
          ${cell(8, fmtNum(s.rateLimited), 'num shop-rate-limited' + (Number(s.rateLimited) > 0 ? ' limited' : ''))}
          ${cell(9, s.lastError != null ? html`<div class="shop-error"><span class="shop-error-text">${s.lastError}</span>
            ${s.lastErrorAt ? html`<span class="shop-error-at">${ago(s.lastErrorAt)}</span>` : ''}</div>` : '–', 'shop-error-cell')}
          ${cell(10, html`<div class="shop-actions">
            <button type="button" class="btn small btn-pull" data-channel="${s.channel}" data-shop="${s.shop}" ${busy ? 'disabled' : ''}>${t('ch.pull')}</button>
            <button type="button" class="btn small btn-reconcile" data-channel="${s.channel}" data-shop="${s.shop}" ${busy ? 'disabled' : ''}>${t('ch.reconcile')}</button>
          </div>`, 'actions')}
        </tr>
        <tr class="shop-result-row" ${r ? '' : 'hidden'}><td colspan="${labels.length}">
          <div class="shop-result ${r ? (r.busy ? 'loading' : r.error != null ? 'error' : 'ok') : ''}" data-op="${r ? r.op : ''}"
            data-channel="${s.channel}" data-shop="${s.shop}" aria-live="polite">${r ? resultView(r) : ''}</div>
        </td></tr>
      </tbody>`;
    });
    const empty = html`<tbody><tr class="empty-row"><td colspan="${labels.length}">${t('ch.shops.none')}</td></tr></tbody>`;
    return html`<div class="table-wrap"><table id="shops-table" class="grid stack shops-table">
      <thead><tr>${labels.map((l, i) => html`<th class="${NUM_COLUMNS.includes(i) ? 'num' : ''}">${l}</th>`)}</tr></thead>
      ${items.length ? body : empty}</table></div>`;
  }

  function resultView(r) {
    const dismiss = r.busy ? '' : html`<button type="button" class="btn ghost small btn-dismiss" aria-label="${t('ch.dismiss')}" title="${t('ch.dismiss')}">✕</button>`;
    if (r.busy) {
      return html`<p class="result-line"><span class="spinner" aria-hidden="true"></span>
        ${r.op === 'pull' ? t('ch.pulling') : t('ch.reconciling')}</p>`;
    }
    if (r.error != null) {
      return html`<div class="result-head"><p class="result-line bad-text">${t(r.op === 'pull' ? 'ch.pull.failed' : 'ch.recon.failed', { error: r.error })}</p>${dismiss}</div>`;
    }
    return r.op === 'pull' ? pullView(r.data || {}, r.at, dismiss) : reconcileView(r.data || {}, dismiss);
  }

  function pullView(p, at, dismiss) {
    const dead = Number(p.deadLettered) || 0;
    const stat = (cls, name, value) => html`<li class="${cls}"><span class="muted">${name}</span> <strong>${value}</strong></li>`;
    return html`<div class="result-head"><h3>${t('ch.pull.title', { time: at ? fmtTime(at) : '' })}</h3>${dismiss}</div>
      <ul class="result-stats pull-report">
        ${stat('pull-windows', t('ch.pull.windows'), fmtNum(p.windows))}
        ${stat('pull-pages', t('ch.pull.pages'), fmtNum(p.pages))}
        ${stat('pull-orders', t('ch.pull.orders'), fmtNum(p.orders))}
        ${stat('pull-stored', t('ch.pull.stored'), fmtNum(p.stored))}
        ${stat('pull-unchanged', t('ch.pull.unchanged'), fmtNum(p.unchanged))}
        ${stat('pull-dead' + (dead > 0 ? ' bad-text' : ''), t('ch.pull.deadLettered'), fmtNum(p.deadLettered))}
        ${stat('pull-caught-up', t('ch.pull.caughtUpTo'), p.caughtUpTo ? time(p.caughtUpTo) : '–')}
      </ul>`;
  }

  function idList(ids, cls) {
    if (!ids.length) return html`<span class="muted">${t('ch.recon.none')}</span>`;
    return html`<strong class="bad-text">${fmtNum(ids.length)}${ids.length >= RECONCILE_LIST ? '+' : ''}</strong>
      ${ids.length >= RECONCILE_LIST ? html`<span class="muted small">${t('ch.recon.capped', { n: fmtNum(RECONCILE_LIST) })}</span>` : ''}
      <div class="recon-ids ${cls}">${ids.map((id) => html`<code>${id}</code>`)}</div>`;
  }

  /** A reconciliation: what each path missed. Without pushes every order is only pulled, by design. */
  function reconcileView(r, dismiss) {
    const onlyPulled = r.onlyPulled || [];
    const onlyPushed = r.onlyPushed || [];
    const gaps = onlyPulled.length + onlyPushed.length;
    const row = (cls, name, value, hint) => html`<tr class="${cls}"><th scope="row">${name}${hint ? html`<div class="muted small">${hint}</div>` : ''}</th><td>${value}</td></tr>`;
    return html`<div class="result-head"><h3>${t('ch.recon.title', { hours: RECONCILE_HOURS, since: r.since ? fmtTime(r.since) : '–' })}</h3>${dismiss}</div>
      <p class="recon-summary ${gaps ? 'bad-text' : 'ok-text'}" data-gaps="${gaps}">${gaps ? t('ch.recon.gaps', { n: fmtNum(gaps) }) : t('ch.recon.noGaps')}</p>
      <table class="recon-table"><tbody>
        ${row('recon-seen', t('ch.recon.seen'), html`<strong>${fmtNum(r.seen)}</strong>`)}
        ${row('recon-only-pulled' + (onlyPulled.length ? ' gap' : ''), t('ch.recon.onlyPulled'),
          r.pushes === false ? html`<span class="muted">${t('ch.recon.noPushes')}</span>` : idList(onlyPulled, 'only-pulled'))}
        ${row('recon-only-pushed' + (onlyPushed.length ? ' gap' : ''), t('ch.recon.onlyPushed'), idList(onlyPushed, 'only-pushed'))}
        ${row('recon-awaiting', t('ch.recon.awaitingPull'), fmtNum(r.awaitingPull), t('ch.recon.awaitingHint'))}
        ${row('recon-covered', t('ch.recon.coveredTo'), time(r.pulledCoveredTo))}
        ${row('recon-pushes', t('ch.recon.pushes'), r.pushes ? t('ch.recon.pushesYes') : t('ch.recon.pushesNo'))}
      </tbody></table>`;
  }

  // ---------------------------------------------------------------- the other sections

  function failedTable(items, calls) {
    return table('failed-calls-table', [
      { label: t('ch.col.kind'), cell: (c) => html`<span class="call-kind">${kindName(c.kind)}</span> <code class="muted small">${c.kind}</code>` },
      { label: t('ch.col.order'), cell: (c) => orderLink(c.orderId) },
      { label: t('ch.col.parcel'), cell: (c) => code(c.parcelCode) },
      { label: t('ch.col.what'), cls: 'wrap', cell: (c) => c.what || '–' },
      { label: t('ch.col.attempts'), cls: 'num', cell: (c) => fmtNum(c.attempts) },
      { label: t('ch.col.createdAt'), cell: (c) => time(c.createdAt) },
      { label: t('ch.col.lastError'), cls: 'wrap', cell: (c) => (c.lastError ? html`<span class="bad-text call-last-error">${c.lastError}</span>` : '–') },
      { label: t('ch.col.actions'), cls: 'actions', cell: (c) => {
        const s = calls.get(String(c.id)) || {};
        return html`<button type="button" class="btn small btn-retry" data-call-id="${c.id}" ${s.busy ? 'disabled' : ''}>${t('ch.retry')}</button>
          ${s.error ? html`<p class="call-error card-error" role="alert">${s.error}</p>` : ''}`;
      } },
    ], items, { stack: true, empty: t('ch.failed.none'), rowAttrs: (c) => html`class="failed-call" data-call-id="${c.id}" data-kind="${c.kind}"` });
  }

  function stuckTable(items) {
    return table('stuck-parcels-table', [
      { label: t('ch.col.code'), cell: (p) => code(p.code) },
      { label: t('ch.col.order'), cell: (p) => orderLink(p.orderId) },
      { label: t('ch.col.warehouse'), cell: (p) => p.warehouse || '–' },
      { label: t('ch.col.carrier'), cell: (p) => p.carrier || '–' },
      { label: t('ch.col.trackingNo'), cell: (p) => code(p.trackingNo) },
      { label: t('ch.col.lastState'), cell: (p) => html`<span class="track-state" data-state="${p.lastState || ''}">${label('track.', p.lastState)}</span>` },
      { label: t('ch.col.stuckSince'), cell: (p) => (p.stuckSince ? html`${time(p.stuckSince)}
        <div class="muted small">${t('ch.for', { age: fmtAge(p.stuckSince) })}</div>` : '–') },
    ], items, { stack: true, empty: t('ch.stuck.none'), rowAttrs: (p) => html`class="stuck-parcel" data-parcel-id="${p.id}"` });
  }

  function listingsView(r) {
    const items = ((r && r.items) || []).filter((l) => l.masterSku == null);
    const byShop = new Map();
    items.forEach((l) => {
      const k = shopKey(l.channel, l.shop);
      byShop.set(k, { channel: l.channel, shop: l.shop, n: ((byShop.get(k) || {}).n || 0) + 1 });
    });
    const shown = items.slice(0, LISTINGS_SHOWN);
    return html`${byShop.size ? html`<p class="tags listing-shops">${Array.from(byShop.values()).map((s) => html`<span class="tag listing-shop"
        data-channel="${s.channel}" data-shop="${s.shop}">${channelName(s.channel)} · ${s.shop} <strong>${fmtNum(s.n)}</strong></span>`)}</p>` : ''}
      ${table('unmatched-listings-table', [
        { label: t('col.channel'), cell: (l) => channelName(l.channel) },
        { label: t('ch.col.shop'), cell: (l) => l.shop },
        { label: t('ch.col.itemSku'), cell: (l) => html`<code>${l.itemId}</code>${l.skuId ? html` / <code>${l.skuId}</code>` : ''}` },
        { label: t('ch.col.outerCode'), cell: (l) => (l.outerCode ? html`<code>${l.outerCode}</code>` : html`<span class="warn-text">${t('ch.noOuterCode')}</span>`) },
        { label: t('ch.col.title'), cls: 'wrap', cell: (l) => l.title || '–' },
        { label: t('ch.col.problem'), cls: 'wrap', cell: (l) => l.problem || '–' },
      ], shown, { stack: true, empty: t('ch.listings.none'),
        rowAttrs: (l) => html`class="unmatched-listing" data-channel="${l.channel}" data-shop="${l.shop}" data-item-id="${l.itemId}" data-sku-id="${l.skuId || ''}"` })}
      ${items.length > shown.length ? html`<p class="muted small listings-truncated">${t('ch.listings.truncated', {
        shown: fmtNum(shown.length), total: fmtNum(items.length) })}</p>` : ''}`;
  }

  function deadLettersTable(items) {
    return table('dead-letters-table', [
      { label: t('col.at'), cell: (d) => time(d.at) },
      { label: t('col.channel'), cell: (d) => channelName(d.channel) },
      { label: t('ch.col.shop'), cell: (d) => d.shop },
      { label: t('ch.col.source'), cell: (d) => label('source.', d.source) },
      { label: t('col.platformOrderId'), cell: (d) => code(d.platformOrderId) },
      { label: t('ch.col.reason'), cls: 'wrap', cell: (d) => d.reason || '–' },
    ], items, { stack: true, empty: t('ch.dead.none'), rowAttrs: (d) => html`class="dead-letter" data-dead-letter-id="${d.id}"` });
  }

  function partnersView(items) {
    if (!items.length) return html`<p class="muted empty-partners">${t('ch.partners.none')}</p>`;
    return html`<ul class="tags partner-list" id="partner-list">${items.map((p) => html`<li class="tag partner" data-partner="${p}">${label('partner.', p)}
      ${label('partner.', p) !== String(p) ? html` <code class="muted">${p}</code>` : ''}</li>`)}</ul>`;
  }

  // ---------------------------------------------------------------- page

  function pageChannels(main, ctx) {
    const root = mount(main, html`<div class="page channels">
      <div class="page-head"><h1>${t('nav.channels')}</h1><span class="muted" id="channels-updated"></span>
        <button type="button" class="btn ghost" id="channels-refresh">${t('action.refresh')}</button></div>
      ${section('shops', t('ch.shops'), t('ch.shops.hint'))}
      ${section('failed-calls', t('ch.failed'), t('ch.failed.hint'))}
      ${section('stuck-parcels', t('ch.stuck'), t('ch.stuck.hint'))}
      ${section('unmatched-listings', t('ch.listings'), t('ch.listings.hint'))}
      ${section('dead-letters', t('ch.dead'), t('ch.dead.hint'))}
      ${section('partners', t('ch.partners'), t('ch.partners.hint'))}
    </div>`);

    let shops = null; // the last list of shops, drawn again when a result under a row changes
    const results = new Map(); // shop key -> what its last button did
    let failed = null;
    const calls = new Map(); // call id -> {busy, error}

    const box = (id) => $('#' + id + ' .section-body', root);

    /**
     * Draws a section's body again, keeping the keyboard focus on the button it was on (the buttons are drawn anew).
     */
    function draw(id, content) {
      const el = box(id);
      const active = document.activeElement;
      let again = null;
      if (active && el.contains(active) && active.tagName === 'BUTTON') {
        const cls = ['btn-pull', 'btn-reconcile', 'btn-retry', 'btn-dismiss'].find((c) => active.classList.contains(c));
        const group = active.closest('[data-call-id], .shop-group');
        if (cls && group) {
          again = group.dataset.callId != null ? '[data-call-id="' + CSS.escape(group.dataset.callId) + '"] .' + cls
            : '.shop-group[data-channel="' + CSS.escape(group.dataset.channel) + '"][data-shop="' + CSS.escape(group.dataset.shop) + '"] .' + cls;
        }
      }
      setHtml(el, content);
      if (again) {
        const target = $(again, el);
        if (target && !target.disabled) target.focus({ preventScroll: true });
      }
    }

    function count(id, n, bad) {
      const el = $('#' + id + ' .section-count', root);
      el.textContent = n == null ? '' : fmtNum(n);
      el.hidden = n == null;
      el.classList.toggle('warn', !!bad && n > 0);
    }

    /**
     * A section's loader: fetches, then draws unless the user has gone elsewhere; an error shows in the section and
     * keeps what it showed before. A call while one runs runs once more afterwards.
     */
    function loader(id, path, show) {
      let loading = false;
      let again = false;
      const load = async () => {
        if (loading) { again = true; return; }
        loading = true;
        const sec = $('#' + id, root);
        sec.setAttribute('aria-busy', 'true');
        try {
          const r = await api(path);
          if (!ctx.alive()) return;
          notice($('.section-error', sec), '');
          show(r || {});
          $('#channels-updated', root).textContent = t('ov.updated', { time: new Date().toLocaleTimeString(
            window.I18N.lang() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false }) });
        } catch (e) {
          if (!ctx.alive()) return;
          notice($('.section-error', sec), e.message);
          if ($('.section-body > .loading-text', sec)) setHtml(box(id), ''); // what it showed before stays
        } finally {
          loading = false;
          sec.setAttribute('aria-busy', 'false');
          if (again && ctx.alive()) { again = false; load(); }
        }
      };
      return load;
    }

    const drawShops = () => { if (shops) draw('shops', shopsTable(shops, results)); };
    const drawFailed = () => { if (failed) draw('failed-calls', failedTable(failed, calls)); };

    const loadShops = loader('shops', '/api/v1/shops', (r) => {
      shops = r.items || [];
      const keys = new Set(shops.map((s) => shopKey(s.channel, s.shop)));
      results.forEach((v, k) => { if (!keys.has(k) && !v.busy) results.delete(k); });
      count('shops', shops.length);
      drawShops();
    });
    const loadFailed = loader('failed-calls', '/api/v1/fulfilment/failed?limit=100', (r) => {
      failed = r.items || [];
      const ids = new Set(failed.map((c) => String(c.id)));
      calls.forEach((v, id) => { if (!ids.has(id) && !v.busy) calls.delete(id); });
      count('failed-calls', failed.length, true);
      drawFailed();
    });
    const loadStuck = loader('stuck-parcels', '/api/v1/fulfilment/stuck?limit=100', (r) => {
      const items = r.items || [];
      count('stuck-parcels', items.length, true);
      draw('stuck-parcels', stuckTable(items));
    });
    const loadListings = loader('unmatched-listings', '/api/v1/listings?unmatched=true', (r) => {
      const n = r.unmatched != null ? Number(r.unmatched) : (r.items || []).length;
      count('unmatched-listings', n, true);
      draw('unmatched-listings', listingsView(r));
    });
    const loadDead = loader('dead-letters', '/api/v1/shops/dead-letters?limit=50', (r) => {
      const items = r.items || [];
      count('dead-letters', items.length, true);
      draw('dead-letters', deadLettersTable(items));
    });
    const loadPartners = loader('partners', '/api/v1/fulfilment/partners', (r) => {
      const items = r.items || [];
      count('partners', items.length);
      draw('partners', partnersView(items));
    });

    function loadAll() {
      loadShops();
      loadFailed();
      loadStuck();
      loadListings();
      loadDead();
      loadPartners();
    }

    /** The button of a shop's row, as drawn now. */
    function shopButton(cls, channel, shop) {
      const group = $$('.shop-group', box('shops')).find((g) => g.dataset.channel === channel && g.dataset.shop === shop);
      return group ? $('.' + cls, group) : null;
    }

    /** Pull now or Reconcile 24 h: the result goes under the shop's row and stays there until dismissed. */
    async function shopAction(op, btn) {
      const { channel, shop } = btn.dataset;
      const key = shopKey(channel, shop);
      const current = results.get(key);
      if (current && current.busy) return;
      const hadFocus = document.activeElement === btn;
      results.set(key, { op, busy: true });
      drawShops();
      let entry;
      try {
        const data = op === 'pull'
          ? await api(shopPath(channel, shop) + '/pull', { method: 'POST' })
          : await api(shopPath(channel, shop) + '/reconcile?hours=' + RECONCILE_HOURS);
        entry = { op, data, at: new Date().toISOString() };
      } catch (e) {
        entry = { op, error: e.message, at: new Date().toISOString() };
      }
      if (!ctx.alive()) return;
      results.set(key, entry);
      drawShops();
      if (hadFocus) {
        const again = shopButton(btn.classList.contains('btn-pull') ? 'btn-pull' : 'btn-reconcile', channel, shop);
        if (again) again.focus({ preventScroll: true });
      }
      if (op === 'pull' && entry.error == null) {
        loadShops(); // its cursor, lag and counts moved on
        loadDead(); // a pull may have dead-lettered payloads
      }
    }

    async function retry(id) {
      const state = calls.get(id);
      if (state && state.busy) return;
      calls.set(id, { busy: true });
      drawFailed();
      try {
        await api('/api/v1/fulfilment/failed/' + encodeURIComponent(id) + '/retry', { method: 'POST' });
        if (!ctx.alive()) return;
        calls.delete(id);
        toast(t('ch.retried', { id }));
        loadFailed(); // the call is back in line: it leaves the list
      } catch (e) {
        if (!ctx.alive()) return;
        calls.set(id, { error: e.message }); // e.g. 403 for a viewer: the server's words
        drawFailed();
      }
    }

    root.addEventListener('click', (ev) => {
      const btn = ev.target.closest('button');
      if (!btn || btn.disabled) return;
      const has = (cls) => btn.classList.contains(cls);
      if (has('btn-pull')) {
        shopAction('pull', btn);
      } else if (has('btn-reconcile')) {
        shopAction('reconcile', btn);
      } else if (has('btn-dismiss')) {
        const group = btn.closest('.shop-group');
        if (group) {
          const { channel, shop } = group.dataset;
          results.delete(shopKey(channel, shop));
          drawShops();
          const pull = shopButton('btn-pull', channel, shop);
          if (pull) pull.focus({ preventScroll: true });
        }
      } else if (has('btn-retry')) {
        retry(btn.dataset.callId);
      } else if (btn.id === 'channels-refresh') {
        loadAll();
      }
    });

    loadAll();
    const timer = setInterval(loadAll, REFRESH_MS);
    return { dispose() { clearInterval(timer); } };
  }

  Object.assign(pages, { channels: pageChannels });
})();
