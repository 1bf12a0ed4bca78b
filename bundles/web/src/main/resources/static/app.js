/*
 * OrderTower web console: one page, hash routing, no framework, no build step.
 *
 * Sections: utilities (escaping, formatting) · api() · session and login · live updates (SSE) ·
 * router · charts · the overview page · start. The other pages (review wall, orders, order detail,
 * stock) are in pages.js, the rules page in rules.js, the channels and partners page in channels.js,
 * the analytics page in analytics.js and the alerts page in alerts.js; each takes the helpers from
 * window.OrderTower and adds its pages to OrderTower.pages; the router looks pages up there by name.
 *
 * Every piece of HTML is built with the html`` tag below, which passes each interpolated value
 * through esc() unless it is itself html`` output: server strings (buyer data, reasons, SKUs) can
 * never become markup. Event handlers are attached with addEventListener, never built from data.
 */
(() => {
  'use strict';

  const ROOT = '/ordertower';
  const I = window.I18N;
  const t = (key, params) => I.t(key, params);
  /** The lifecycle of org.ordertower.api.OrderStatus, in its order. */
  const STATUSES = ['RECEIVED', 'SCREENED', 'ON_HOLD', 'IN_REVIEW', 'FROZEN', 'READY', 'RESERVED', 'ROUTED',
    'SHIPPED', 'DELIVERED', 'CANCELLED', 'RETURNED'];
  /** The marketplaces with a connector; the statistics add any other channel they report. */
  const CHANNELS = ['taobao', 'jd', 'pdd', 'douyin'];
  const PALETTE = ['#3b6ea8', '#e39b3b', '#4f9d8f', '#c2606a', '#8067b7', '#6b9b3a', '#5aa0cf', '#a67c52'];
  const STATUS_COLORS = {
    RECEIVED: '#94a3b8', SCREENED: '#64748b', ON_HOLD: '#b58d3d', IN_REVIEW: '#e39b3b', FROZEN: '#5a7fd1',
    READY: '#4f9d8f', RESERVED: '#3f8a7a', ROUTED: '#3b6ea8', SHIPPED: '#2f5d8f', DELIVERED: '#6b9b3a',
    CANCELLED: '#c2606a', RETURNED: '#8067b7',
  };

  const state = { session: null, stats: null, review: null };

  // ---------------------------------------------------------------- utilities

  const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

  /** Text made safe for HTML content and double-quoted attribute values. */
  function esc(value) {
    return value == null ? '' : String(value).replace(/[&<>"'`]/g, (c) => ENTITIES[c]);
  }

  /** HTML that is already safe (the output of html``). */
  class Safe {
    constructor(text) { this.text = text; }
    toString() { return this.text; }
  }

  function piece(value) {
    if (value instanceof Safe) return value.text;
    if (Array.isArray(value)) return value.map(piece).join('');
    return esc(value);
  }

  /** Template tag: every ${value} is escaped with esc(), except nested html`` and arrays of it. */
  function html(strings, ...values) {
    let out = strings[0];
    values.forEach((v, i) => { out += piece(v) + strings[i + 1]; });
    return new Safe(out);
  }

  function setHtml(el, content) { el.innerHTML = piece(content); }

  /** Replaces main's content and returns its first element, the page's root for listeners. */
  function mount(main, content) {
    setHtml(main, content);
    return main.firstElementChild;
  }

  function fromHtml(content) {
    const tpl = document.createElement('template');
    setHtml(tpl, content);
    return tpl.content.firstElementChild;
  }

  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

  function locale() { return I.lang() === 'en' ? 'en-GB' : 'zh-CN'; }

  /** A time in the browser's time zone, with the date. */
  function fmtTime(iso) {
    if (!iso) return '';
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso; // a date without a time stays as it is
    const d = new Date(iso);
    if (isNaN(d)) return iso;
    return d.toLocaleString(locale(), { year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  }

  function fmtClock(iso, seconds) {
    const d = new Date(iso);
    if (isNaN(d)) return iso || '';
    return d.toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit',
      second: seconds ? '2-digit' : undefined, hour12: false });
  }

  function fmtNum(n) { return n == null || isNaN(n) ? '–' : Number(n).toLocaleString(locale()); }
  function fmtPct(x) { return x == null || isNaN(x) ? '–' : (x * 100).toFixed(1) + '%'; }

  /** A duration for people: 0.4 s, 45 s, 3 min 12 s, 2 h 5 min, 1 d 3 h. */
  function fmtDuration(ms) {
    if (ms == null || isNaN(ms)) return '–';
    const s = ms / 1000;
    if (s < 10) return t('dur.s', { n: String(Math.round(s * 10) / 10) });
    if (s < 60) return t('dur.s', { n: Math.floor(s) });
    const m = Math.floor(s / 60);
    if (m < 60) return s % 60 >= 1 ? t('dur.ms', { m, s: Math.floor(s % 60) }) : t('dur.m', { n: m });
    const h = Math.floor(m / 60);
    if (h < 24) return m % 60 ? t('dur.hm', { h, m: m % 60 }) : t('dur.h', { n: h });
    const d = Math.floor(h / 24);
    return h % 24 ? t('dur.dh', { d, h: h % 24 }) : t('dur.d', { n: d });
  }

  function fmtAge(iso) {
    const at = Date.parse(iso);
    return isNaN(at) ? '–' : fmtDuration(Math.max(0, Date.now() - at));
  }

  /** Amounts are exact decimal strings: shown as given, never through floating point. */
  function fmtMoney(value, currency) {
    if (value == null || value === '') return '–';
    return currency ? currency + ' ' + value : String(value);
  }

  function label(prefix, value) {
    if (value == null || value === '') return '–';
    return I.has(prefix + value) ? t(prefix + value) : String(value);
  }
  const statusName = (s) => label('status.', s);
  const channelName = (c) => label('channel.', c);

  function statusChip(status, id) {
    return html`<span class="chip" ${id ? html`id="${id}"` : ''} data-status="${status}">${statusName(status)} <code>${status}</code></span>`;
  }

  function count(byStatus, ...statuses) {
    return statuses.reduce((sum, s) => sum + (Number((byStatus || {})[s]) || 0), 0);
  }

  function hasRole(role) { return !!(state.session && (state.session.roles || []).includes(role)); }

  /** Calls fn at most once per ms; a call in between is run when the time is up. */
  function throttle(fn, ms) {
    let last = 0;
    let timer = null;
    const run = () => { timer = null; last = Date.now(); fn(); };
    const call = () => {
      if (timer) return;
      const wait = last + ms - Date.now();
      if (wait <= 0) run(); else timer = setTimeout(run, wait);
    };
    call.cancel = () => clearTimeout(timer);
    return call;
  }

  let toastTimer = null;
  function toast(text) {
    const el = $('#toast');
    el.textContent = text;
    el.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { el.hidden = true; }, 3500);
  }

  /** Label/value pairs; empty values show a dash. */
  function dl(pairs) {
    const blank = (v) => v == null || v === '' || (Array.isArray(v) && !v.length);
    return html`<dl class="kv">${pairs.map(([k, v]) => html`<dt>${k}</dt><dd>${blank(v) ? '–' : v}</dd>`)}</dl>`;
  }

  /**
   * A table. columns: [{label, cell(row) -> value or html``, cls}]. With opts.stack the rows turn into
   * cards on a phone (each cell shows its column's label).
   */
  function table(id, columns, rows, opts = {}) {
    const body = rows.length
      ? rows.map((r) => html`<tr ${opts.rowAttrs ? opts.rowAttrs(r) : ''}>${columns.map((c) =>
        html`<td class="${c.cls || ''}" data-label="${c.label}">${c.cell(r)}</td>`)}</tr>`)
      : html`<tr class="empty-row"><td colspan="${columns.length}">${opts.empty || t('common.none')}</td></tr>`;
    return html`<div class="table-wrap"><table ${id ? html`id="${id}"` : ''} class="grid ${opts.stack ? 'stack' : ''}">
      <thead><tr>${columns.map((c) => html`<th class="${c.cls || ''}">${c.label}</th>`)}</tr></thead>
      <tbody>${body}</tbody>${opts.foot || ''}</table></div>`;
  }

  function notice(el, text) {
    el.textContent = text || '';
    el.hidden = !text;
  }

  // ---------------------------------------------------------------- api

  /**
   * Calls the console's server. path is below /ordertower (e.g. '/api/v1/orders/12'); opts.body is
   * sent as JSON. Resolves with the parsed JSON; rejects with an Error whose message is the server's
   * `error` text, with status (0 without an answer) and problems (the server's `problems` list of a
   * refused body, one text each, else null). A 401 shows the login form unless opts.quiet.
   */
  async function api(path, opts = {}) {
    const method = opts.method || 'GET';
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') headers['X-OrderTower-Console'] = '1'; // the server's CSRF guard
    let body;
    if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    let res;
    try {
      res = await fetch(ROOT + path, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
    } catch (e) {
      const err = new Error(t('error.network'));
      err.status = 0;
      throw err;
    }
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (res.ok) return data;
    const serverError = data && typeof data.error === 'string' ? data.error : null;
    const err = new Error(serverError || t('error.http', { status: res.status }));
    err.status = res.status;
    err.serverError = serverError;
    err.problems = data && Array.isArray(data.problems) ? data.problems.map(String) : null;
    if (res.status === 401 && !opts.quiet) showLogin(t('login.expired'));
    throw err;
  }

  // ---------------------------------------------------------------- session and login

  async function boot() {
    applyStaticText();
    bindChrome();
    try {
      state.session = await api('/session', { quiet: true });
    } catch (e) {
      showLogin(e.status === 401 ? '' : e.message);
      return;
    }
    enter();
  }

  function enter() {
    document.body.classList.add('authed');
    $('#login').hidden = true;
    $('#main').hidden = false;
    const who = $('#user-name');
    who.textContent = state.session.user;
    who.title = (state.session.roles || []).join(', ');
    startLive();
    route();
  }

  function showLogin(message) {
    stopLive();
    leavePage();
    state.session = null;
    state.stats = null;
    state.review = null;
    document.body.classList.remove('authed');
    $('#main').hidden = true;
    setHtml($('#main'), '');
    $('#login').hidden = false;
    notice($('#login-error'), message);
    updateReviewBadge();
    $('#login-user').focus();
  }

  async function onLogin(ev) {
    ev.preventDefault();
    const user = $('#login-user').value.trim();
    const password = $('#login-password').value;
    const error = $('#login-error');
    notice(error, '');
    if (!user || !password) {
      notice(error, t('login.missing'));
      return;
    }
    const button = $('#login-submit');
    button.disabled = true;
    try {
      state.session = await api('/session', { method: 'POST', body: { user, password }, quiet: true });
      $('#login-password').value = '';
      enter();
    } catch (e) {
      notice(error, e.status === 401 ? e.serverError || t('login.failed') : e.message);
      $('#login-password').select();
    } finally {
      button.disabled = false;
    }
  }

  async function logout() {
    try { await api('/session', { method: 'DELETE', quiet: true }); } catch (e) { /* logged out anyway */ }
    showLogin('');
  }

  // ---------------------------------------------------------------- live updates

  let live = null;
  let liveRetry = null;

  function startLive() {
    stopLive();
    const es = new EventSource(ROOT + '/events');
    live = es;
    es.addEventListener('open', () => setLiveState(true));
    es.addEventListener('stats', (e) => {
      const data = parseJson(e.data);
      if (!data) return;
      state.stats = data;
      updateReviewBadge();
      notify('onStats', data);
    });
    es.addEventListener('review', (e) => {
      const data = parseJson(e.data);
      if (!data) return;
      state.review = data;
      updateReviewBadge();
      notify('onReview', data);
    });
    es.addEventListener('error', () => {
      if (live === es) afterLiveError(es);
    });
  }

  /** The stream failed: a 401 means the session ended (show the login); otherwise it reconnects. */
  async function afterLiveError(es) {
    setLiveState(false);
    let status = 200;
    try { await api('/session', { quiet: true }); } catch (e) { status = e.status; }
    if (live !== es) return;
    if (status === 401) {
      showLogin(t('login.expired'));
    } else if (es.readyState === EventSource.CLOSED) {
      clearTimeout(liveRetry);
      liveRetry = setTimeout(startLive, 5000);
    }
  }

  function stopLive() {
    clearTimeout(liveRetry);
    if (live) live.close();
    live = null;
    setLiveState(false);
  }

  function setLiveState(on) {
    const el = $('#live');
    el.classList.toggle('on', on);
    el.title = t(on ? 'live.on' : 'live.off');
  }

  function parseJson(text) {
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  function updateReviewBadge() {
    const el = $('#nav-review-count');
    let n = state.review ? state.review.waiting : null;
    if (n == null && state.stats) n = count(state.stats.total && state.stats.total.byStatus, 'IN_REVIEW', 'FROZEN');
    el.textContent = n ? String(n) : '';
    el.hidden = !n;
    el.title = state.review && state.review.oldestSince
      ? t('review.oldest', { age: fmtAge(state.review.oldestSince) }) : '';
  }

  // ---------------------------------------------------------------- router

  const ROUTES = [
    { re: /^\/overview$/, nav: 'overview', page: 'overview' },
    { re: /^\/review$/, nav: 'review', page: 'review' },
    { re: /^\/orders$/, nav: 'orders', page: 'orders' },
    { re: /^\/orders\/(\d+)$/, nav: 'orders', page: 'order' },
    { re: /^\/stock$/, nav: 'stock', page: 'stock' },
    { re: /^\/analytics$/, nav: 'analytics', page: 'analytics' },
    { re: /^\/alerts$/, nav: 'alerts', page: 'alerts' },
    { re: /^\/rules$/, nav: 'rules', page: 'rules' },
    { re: /^\/channels$/, nav: 'channels', page: 'channels' },
  ];
  const pages = { overview: pageOverview }; // pages.js adds the others
  let page = null;
  let generation = 0;

  function parseHash() {
    const h = location.hash.replace(/^#/, '') || '/overview';
    const q = h.indexOf('?');
    return { path: q < 0 ? h : h.slice(0, q), query: new URLSearchParams(q < 0 ? '' : h.slice(q + 1)) };
  }

  /**
   * Shows the page of the current hash. A page gets (main, ctx, ...path groups) and may return
   * {onStats, onReview, dispose}; ctx.alive() turns false once the user has gone elsewhere.
   */
  function route() {
    if (!state.session) return;
    const { path, query } = parseHash();
    const r = ROUTES.find((x) => x.re.test(path));
    if (!r) {
      location.replace('#/overview');
      return;
    }
    leavePage();
    const id = ++generation;
    const ctx = { query, alive: () => id === generation && state.session != null };
    $$('#nav a').forEach((a) => {
      const active = a.dataset.nav === r.nav;
      a.classList.toggle('active', active);
      if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    document.title = t('nav.' + r.nav) + ' · OrderTower';
    window.scrollTo(0, 0);
    const render = pages[r.page];
    page = (render && render($('#main'), ctx, ...path.match(r.re).slice(1))) || {};
  }

  function leavePage() {
    generation++;
    if (page && page.dispose) page.dispose();
    page = null;
    disposeCharts();
  }

  function notify(hook, data) {
    if (page && page[hook]) page[hook](data);
  }

  // ---------------------------------------------------------------- charts

  const charts = new Set();

  function chartAt(el) {
    if (!el) return null;
    if (!window.echarts) {
      el.textContent = t('chart.unavailable');
      return null;
    }
    const c = window.echarts.getInstanceByDom(el) || window.echarts.init(el);
    charts.add(c);
    return c;
  }

  function disposeCharts() {
    charts.forEach((c) => c.dispose());
    charts.clear();
  }

  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => charts.forEach((c) => c.resize()), 120);
  });

  /** A time axis chart: category labels, value axis, legend on top; empty shows "no data". */
  function axisOption(labels, series, empty) {
    const muted = '#64748b';
    return {
      color: PALETTE,
      animationDuration: 300,
      grid: { left: 6, right: 12, top: 40, bottom: 6, containLabel: true },
      tooltip: { trigger: 'axis', confine: true },
      legend: { type: 'scroll', top: 0, itemWidth: 12, itemHeight: 8, textStyle: { color: '#475569' } },
      xAxis: { type: 'category', data: labels, axisTick: { show: false },
        axisLine: { lineStyle: { color: '#cbd5e1' } }, axisLabel: { color: muted, hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#edf0f4' } }, axisLabel: { color: muted } },
      title: { show: !!empty, text: t('chart.empty'), left: 'center', top: 'middle',
        textStyle: { color: '#94a3b8', fontSize: 13, fontWeight: 'normal' } },
      series,
    };
  }

  function sumSeries(byKey, length) {
    const out = new Array(length).fill(0);
    Object.values(byKey || {}).forEach((arr) => (arr || []).forEach((v, i) => { if (i < length) out[i] += Number(v) || 0; }));
    return out;
  }

  function drawReceived(el, flow) {
    const c = chartAt(el);
    if (!c) return;
    const buckets = flow.buckets || [];
    const received = flow.received || {};
    const channels = Object.keys(received);
    const series = channels.map((ch) => ({ name: channelName(ch), type: 'bar', stack: 'received',
      data: received[ch], barMaxWidth: 18, emphasis: { focus: 'series' } }));
    const total = sumSeries(received, buckets.length);
    series.push({ name: t('ov.total'), type: 'line', data: total, showSymbol: false,
      lineStyle: { width: 1.5 }, itemStyle: { color: '#334155' } });
    c.setOption(axisOption(buckets.map((b) => fmtClock(b)), series, !total.some((v) => v > 0)), true);
  }

  function drawMoves(el, flow) {
    const c = chartAt(el);
    if (!c) return;
    const moves = flow.statuses || {};
    const names = STATUSES.filter((s) => s in moves).concat(Object.keys(moves).filter((s) => !STATUSES.includes(s)));
    const series = names.filter((s) => (moves[s] || []).some((v) => v > 0)).map((s) => ({
      name: statusName(s), type: 'line', data: moves[s], showSymbol: false,
      lineStyle: { width: 1.5 }, itemStyle: { color: STATUS_COLORS[s] } }));
    c.setOption(axisOption((flow.buckets || []).map((b) => fmtClock(b)), series, !series.length), true);
  }

  /** Orders received per hour: the last 24 buckets of the 48-hour flow against the 24 before. */
  function drawHourly(el, flow) {
    const c = chartAt(el);
    if (!c) return;
    const buckets = flow.buckets || [];
    const totals = sumSeries(flow.received, buckets.length);
    const n = Math.floor(totals.length / 2);
    const today = totals.slice(totals.length - n);
    const yesterday = totals.slice(totals.length - 2 * n, totals.length - n);
    const series = [
      { name: t('ov.today'), type: 'bar', data: today, barMaxWidth: 16, itemStyle: { color: '#3b6ea8', borderRadius: [3, 3, 0, 0] } },
      { name: t('ov.yesterday'), type: 'line', data: yesterday, showSymbol: false,
        lineStyle: { type: 'dashed', width: 1.5 }, itemStyle: { color: '#94a3b8' } },
    ];
    const labels = buckets.slice(buckets.length - n).map((b) => fmtClock(b));
    c.setOption(axisOption(labels, series, !totals.some((v) => v > 0)), true);
  }

  /*
   * The funnel, from a snapshot of statuses (stats byStatus): each order counts once, in the status it
   * is in now, so a stage counts the orders that have reached it or gone beyond it:
   *   placed    = every order (total.orders; else the sum of byStatus)
   *   cleared   = paid and through screening and review: READY + RESERVED + ROUTED + SHIPPED + DELIVERED
   *               + RETURNED, i.e. all orders minus RECEIVED, SCREENED, ON_HOLD (unpaid or presale),
   *               IN_REVIEW, FROZEN and CANCELLED
   *   shipped   = SHIPPED + DELIVERED + RETURNED (a returned order was shipped first)
   *   delivered = DELIVERED (RETURNED is left out: a parcel may come back before it was delivered)
   * The losses are shown beside it: CANCELLED (the state machine cancels only before shipping, so
   * these left between placed and shipped) and RETURNED; "in progress" = placed − cleared − cancelled,
   * the orders still before or in screening, review or hold.
   */
  function funnelStages(total) {
    const by = total.byStatus || {};
    const placed = total.orders != null ? Number(total.orders) : count(by, ...STATUSES);
    const cleared = count(by, 'READY', 'RESERVED', 'ROUTED', 'SHIPPED', 'DELIVERED', 'RETURNED');
    const cancelled = count(by, 'CANCELLED');
    return {
      stages: [
        { key: 'placed', value: placed },
        { key: 'cleared', value: cleared },
        { key: 'shipped', value: count(by, 'SHIPPED', 'DELIVERED', 'RETURNED') },
        { key: 'delivered', value: count(by, 'DELIVERED') },
      ],
      cancelled,
      returned: count(by, 'RETURNED'),
      inProgress: Math.max(0, placed - cleared - cancelled),
    };
  }

  function drawFunnel(el, f) {
    const c = chartAt(el);
    if (!c) return;
    const placed = f.stages[0].value;
    const pct = (v) => (placed ? Math.round((v / placed) * 1000) / 10 + '%' : '–');
    const data = f.stages.map((s) => ({ name: t('funnel.' + s.key), value: s.value }));
    c.setOption({
      color: ['#3b6ea8', '#4f8fc0', '#4f9d8f', '#6b9b3a'],
      animationDuration: 300,
      tooltip: { trigger: 'item', confine: true, formatter: (p) => esc(p.name) + ': ' + esc(fmtNum(p.value)) + ' (' + esc(pct(p.value)) + ')' },
      series: [{
        type: 'funnel', sort: 'none', min: 0, max: Math.max(placed, 1), minSize: '6%', maxSize: '100%',
        left: 4, width: '52%', top: 8, bottom: 8, gap: 3,
        label: { position: 'right', color: '#334155', lineHeight: 16,
          formatter: (p) => p.name + '\n' + fmtNum(p.value) + ' · ' + pct(p.value) },
        labelLine: { length: 12, lineStyle: { color: '#cbd5e1' } },
        itemStyle: { borderWidth: 0 },
        data,
      }],
    }, true);
  }

  // ---------------------------------------------------------------- page: overview

  function pageOverview(main, ctx) {
    const root = mount(main, html`<div class="page overview">
      <div class="page-head"><h1>${t('nav.overview')}</h1><span class="muted" id="ov-updated"></span></div>
      <p class="notice error" id="ov-notice" hidden></p>
      <section class="kpis">
        <div class="kpi"><div class="kpi-label">${t('ov.orders')}</div><div class="kpi-value" id="ov-orders"></div>
          <div class="kpi-sub" id="ov-orders-sub"></div></div>
        <div class="kpi"><div class="kpi-label">${t('ov.withoutPerson')}</div><div class="kpi-value" id="ov-without-person"></div>
          <div class="kpi-sub" id="ov-needed-person"></div></div>
        <div class="kpi"><div class="kpi-label">${t('ov.shipped')}</div><div class="kpi-value" id="ov-shipped"></div>
          <div class="kpi-sub" id="ov-delivered"></div></div>
        <a class="kpi link" href="#/review"><div class="kpi-label">${t('ov.waiting')}</div><div class="kpi-value" id="ov-waiting"></div>
          <div class="kpi-sub" id="ov-waiting-sub"></div></a>
        <div class="kpi wide"><div class="kpi-label">${t('ov.latency')}</div>
          <div class="kpi-value small"><span class="muted">p50</span> <span id="ov-p50"></span>
          <span class="muted">p99</span> <span id="ov-p99"></span></div></div>
      </section>
      <div class="panels">
        <section class="panel"><h2>${t('ov.flow')}</h2><div class="chart" id="ov-flow-chart"></div></section>
        <section class="panel"><h2>${t('ov.moves')}</h2><div class="chart" id="ov-moves-chart"></div></section>
        <section class="panel"><h2>${t('ov.funnel')}</h2><div class="chart" id="ov-funnel-chart"></div>
          <p class="muted small" id="ov-funnel-losses"></p></section>
        <section class="panel"><h2>${t('ov.hourly')}</h2><div class="chart" id="ov-hourly-chart"></div></section>
      </div>
      <section class="panel"><h2>${t('ov.channels')}</h2><div id="ov-channels-box"></div></section>
      <p class="notice error" id="ov-flow-notice" hidden></p>
    </div>`);

    function showStats(s) {
      const total = s.total || {};
      const by = total.byStatus || {};
      $('#ov-orders', root).textContent = String(Math.round(Number(total.orders) || 0)); // digits only
      $('#ov-orders-sub', root).textContent = t('ov.received', { n: fmtNum(count(by, 'RECEIVED')) });
      $('#ov-without-person', root).textContent = fmtPct(total.withoutPerson);
      $('#ov-needed-person', root).textContent = t('ov.neededPerson', { n: fmtNum(total.neededPerson) });
      $('#ov-shipped', root).textContent = fmtNum(total.shipped);
      $('#ov-delivered', root).textContent = t('ov.delivered', { n: fmtNum(count(by, 'DELIVERED')) });
      $('#ov-waiting', root).textContent = fmtNum(count(by, 'IN_REVIEW', 'FROZEN'));
      $('#ov-waiting-sub', root).textContent = statusName('IN_REVIEW') + ' ' + fmtNum(count(by, 'IN_REVIEW'))
        + ' · ' + statusName('FROZEN') + ' ' + fmtNum(count(by, 'FROZEN'));
      $('#ov-p50', root).textContent = fmtDuration(total.createdToShippedP50Ms);
      $('#ov-p99', root).textContent = fmtDuration(total.createdToShippedP99Ms);
      $('#ov-updated', root).textContent = s.at ? t('ov.updated', { time: fmtClock(s.at, true) }) : '';
      const f = funnelStages(total);
      drawFunnel($('#ov-funnel-chart', root), f);
      $('#ov-funnel-losses', root).textContent = t('ov.losses', { cancelled: fmtNum(f.cancelled),
        returned: fmtNum(f.returned), progress: fmtNum(f.inProgress) });
      setHtml($('#ov-channels-box', root), channelTable(s));
    }

    async function loadStats() {
      try {
        const s = await api('/api/v1/orders/stats');
        if (!ctx.alive()) return;
        state.stats = s;
        notice($('#ov-notice', root), '');
        showStats(s);
        updateReviewBadge();
      } catch (e) {
        if (ctx.alive()) notice($('#ov-notice', root), e.message);
      }
    }

    async function loadFlow() {
      try {
        const [minutes, hours] = await Promise.all([api('/api/v1/orders/flow?minutes=60'), api('/api/v1/orders/flow?hours=48')]);
        if (!ctx.alive()) return;
        notice($('#ov-flow-notice', root), '');
        drawReceived($('#ov-flow-chart', root), minutes);
        drawMoves($('#ov-moves-chart', root), minutes);
        drawHourly($('#ov-hourly-chart', root), hours);
      } catch (e) {
        if (ctx.alive()) notice($('#ov-flow-notice', root), t('ov.flowFailed', { error: e.message }));
      }
    }

    const refreshFlow = throttle(loadFlow, 10000); // on stats events, at most every 10 s
    if (state.stats) showStats(state.stats);
    loadStats();
    refreshFlow();
    const timer = setInterval(refreshFlow, 60000); // the minute axis moves on even when nothing changes
    return {
      onStats(s) { showStats(s); refreshFlow(); },
      dispose() { clearInterval(timer); refreshFlow.cancel(); },
    };
  }

  function channelTable(s) {
    const columns = [
      { label: t('col.channel'), cell: (r) => (r.channel === '*' ? t('ov.allChannels') : channelName(r.channel)) },
      { label: t('col.orders'), cls: 'num', cell: (r) => fmtNum(r.orders) },
      { label: t('col.inReview'), cls: 'num', cell: (r) => fmtNum(count(r.byStatus, 'IN_REVIEW', 'FROZEN')) },
      { label: t('col.shipped'), cls: 'num', cell: (r) => fmtNum(r.shipped) },
      { label: t('col.withoutPerson'), cls: 'num', cell: (r) => fmtPct(r.withoutPerson) },
      { label: 'p50', cls: 'num', cell: (r) => fmtDuration(r.createdToShippedP50Ms) },
      { label: 'p99', cls: 'num', cell: (r) => fmtDuration(r.createdToShippedP99Ms) },
    ];
    const rows = (s.channels || []).slice().sort((a, b) => (b.orders || 0) - (a.orders || 0));
    const foot = s.total ? html`<tfoot><tr>${columns.map((c) => html`<td class="${c.cls || ''}">${c.cell(s.total)}</td>`)}</tr></tfoot>` : '';
    return table('ov-channels', columns, rows, { foot, rowAttrs: (r) => html`data-channel="${r.channel}"` });
  }

  // ---------------------------------------------------------------- chrome and start

  function applyStaticText() {
    document.documentElement.lang = I.lang() === 'en' ? 'en' : 'zh-CN';
    $$('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    $$('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    $$('[data-i18n-aria]').forEach((el) => { el.setAttribute('aria-label', t(el.dataset.i18nAria)); });
    $('#lang-select').value = I.lang();
    setLiveState(!!live && live.readyState === EventSource.OPEN);
  }

  function bindChrome() {
    $('#login-form').addEventListener('submit', onLogin);
    $('#logout').addEventListener('click', logout);
    $('#lang-select').addEventListener('change', (ev) => {
      I.setLang(ev.target.value);
      applyStaticText();
      updateReviewBadge();
      route();
    });
    window.addEventListener('hashchange', route);
  }

  /** What pages.js, rules.js, channels.js, analytics.js and alerts.js use. */
  window.OrderTower = {
    state, pages, STATUSES, CHANNELS, t, esc, html, setHtml, mount, fromHtml, $, $$, fmtTime, fmtNum, fmtPct,
    fmtDuration, fmtAge, fmtMoney, label, statusName, channelName, statusChip, hasRole, toast, dl, table,
    notice, api, chartAt,
  };

  // The scripts are deferred: DOMContentLoaded comes after pages.js, rules.js, channels.js, analytics.js and
  // alerts.js have run.
  document.addEventListener('DOMContentLoaded', boot);
})();
