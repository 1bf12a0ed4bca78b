/*
 * OrderTower web console: the analytics page (#/analytics?days=30). Over a window of 7, 30 or 90 days (kept in the
 * hash): where the orders went (a map of China's provinces and a table of the top regions of every country), the SKUs
 * bought together, and the warehouses' health (on-time shipping, waiting and stuck parcels, transfers, days of stock);
 * below them the daily report of a chosen day (the picture the alerts send to the group chats), with "Send to group
 * chat".
 *
 * Each section loads on its own: one that fails shows its error and the others still show (the regions and the pairs
 * come from one answer, so they fail together). The map needs ECharts' map of China (china.js); without it the regions
 * show as a table only. The server decides who may send the report: a refusal (403) is shown as it comes.
 *
 * Also adds sinkResults() to window.OrderTower: what a send did on each sink (alerts.js uses it too).
 *
 * Uses the helpers of app.js (window.OrderTower) like pages.js: every piece of HTML is built with its html`` tag,
 * which escapes every interpolated value with esc().
 */
(() => {
  'use strict';

  const OT = window.OrderTower;
  const {
    pages, t, esc, html, setHtml, mount, $, fmtTime, fmtNum, fmtPct, fmtMoney, label, hasRole, toast, table, notice,
    api, chartAt,
  } = OT;

  const WINDOWS = [7, 30, 90]; // days; the warehouses' figures allow at most 92
  const DEFAULT_DAYS = 30;
  const PAIRS = 20;
  const REGIONS_SHOWN = 20;
  const LIFT_HIGH = 2; // pairs bought together at least twice as often as by chance are highlighted
  const STOCK_DAYS_LOW = 7;
  const ON_TIME_LOW = 0.9;
  const PNG_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

  // ---------------------------------------------------------------- small pieces

  function windowDays(query) {
    const days = Number(query.get('days'));
    return WINDOWS.includes(days) ? days : DEFAULT_DAYS;
  }

  function analyticsHash(days, date) {
    const q = new URLSearchParams({ days: String(days) });
    if (date) q.set('date', date);
    return '#/analytics?' + q;
  }

  /** A local date as YYYY-MM-DD; yesterday by default (the last whole day). */
  function isoDate(d) {
    const pad = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  function yesterday() {
    const d = new Date();
    d.setDate(d.getDate() - 1);
    return isoDate(d);
  }

  const validDate = (text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !isNaN(Date.parse(text + 'T00:00:00Z'));

  function fmtFixed(x, digits) {
    return x == null || x === '' || isNaN(x) ? '–' : Number(x).toFixed(digits);
  }

  const skuLink = (sku) => html`<a class="sku-ref" href="#/stock?sku=${encodeURIComponent(sku)}"><code>${sku}</code></a>`;

  function section(id, title, hint, body) {
    return html`<section class="panel an-section" id="${id}" aria-busy="false">
      <div class="section-head"><h2>${title}</h2><span class="muted small section-meta"></span></div>
      ${hint ? html`<p class="muted small section-hint">${hint}</p>` : ''}
      <p class="notice error section-error" role="alert" hidden></p>
      ${body || html`<div class="section-body"><p class="muted loading-text">${t('common.loading')}</p></div>`}
    </section>`;
  }

  /**
   * What a send did, one line per sink (dingtalk, wecom, mail …); no sink at all says that none is configured.
   * id: of the list, for tests.
   */
  function sinkResults(r, id) {
    const sinks = (r && r.sinks) || [];
    if (!sinks.length) return html`<p class="notice sink-none" ${id ? html`id="${id}"` : ''}>${t('sink.none')}</p>`;
    const failed = sinks.filter((s) => !s.ok).length;
    return html`<div class="sink-results" ${id ? html`id="${id}"` : ''}>
      <p class="sink-summary ${failed ? 'bad-text' : 'ok-text'}">${failed
        ? t('sink.someFailed', { failed: fmtNum(failed), n: fmtNum(sinks.length) }) : t('sink.allOk', { n: fmtNum(sinks.length) })}</p>
      <ul class="sink-list">${sinks.map((s) => html`<li class="sink-result ${s.ok ? 'ok' : 'bad'}" data-sink="${s.sink}" data-ok="${s.ok ? 'true' : 'false'}">
        ${s.ok ? html`<span class="ok-text" aria-hidden="true">✓</span>` : html`<span class="bad-text" aria-hidden="true">✗</span>`}
        <strong>${label('sink.', s.sink)}</strong>
        ${s.ok ? html`<span class="muted">${t('sink.sent')}</span>` : html`<span class="bad-text sink-error">${s.error || t('sink.failed')}</span>`}
      </li>`)}</ul></div>`;
  }

  // ---------------------------------------------------------------- regions

  /** A province as the map names it: 浙江省 → 浙江, 广西壮族自治区 → 广西 (the server sends short names already). */
  function mapName(province) {
    return String(province).trim().replace(/(?:省|市|特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '');
  }

  /** a + b for decimal strings, exactly ("1.50" + "2.125" = "3.625"); null when either is not a plain decimal. */
  function addDecimals(a, b) {
    const parse = (x) => /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(x).trim());
    const ma = parse(a);
    const mb = parse(b);
    if (!ma || !mb) return null;
    const scale = Math.max((ma[3] || '').length, (mb[3] || '').length);
    const big = (m) => BigInt((m[1] || '') + m[2] + (m[3] || '').padEnd(scale, '0'));
    const sum = big(ma) + big(mb);
    const digits = (sum < 0n ? -sum : sum).toString().padStart(scale + 1, '0');
    const whole = digits.slice(0, digits.length - scale);
    return (sum < 0n ? '-' : '') + whole + (scale ? '.' + digits.slice(digits.length - scale) : '');
  }

  /** The regions in China (country CN, or none given) with a province, one per map area. */
  function chinaData(regions) {
    const byName = new Map();
    regions.forEach((r) => {
      if ((r.country || '') !== 'CN' && (r.country || '') !== '') return;
      if (!r.province) return;
      const name = mapName(r.province);
      const was = byName.get(name);
      const paid = r.paid == null ? null : String(r.paid);
      byName.set(name, was
        ? { name, value: was.value + (Number(r.orders) || 0), paid: was.paid == null || paid == null ? null : addDecimals(was.paid, paid) }
        : { name, value: Number(r.orders) || 0, paid });
    });
    return Array.from(byName.values());
  }

  const mapReady = () => !!(window.echarts && window.echarts.getMap && window.echarts.getMap('china'));

  function drawMap(el, regions) {
    const c = chartAt(el);
    if (!c) return;
    c.resize(); // it may have been hidden since it was made
    const data = chinaData(regions);
    const max = Math.max(1, ...data.map((d) => d.value));
    const tip = (p) => {
      const d = p.data;
      if (!d) return esc(p.name) + '<br>' + esc(t('an.tip.none'));
      return '<strong>' + esc(p.name) + '</strong><br>' + esc(t('an.tip.orders', { n: fmtNum(d.value) }))
        + '<br>' + esc(t('an.tip.paid', { paid: fmtMoney(d.paid) }));
    };
    c.setOption({
      animationDuration: 300,
      tooltip: { trigger: 'item', confine: true, formatter: tip },
      visualMap: {
        type: 'continuous', min: 0, max, left: 4, bottom: 4, itemWidth: 10, itemHeight: 90, calculable: false,
        text: [fmtNum(max), '0'], textStyle: { color: '#64748b', fontSize: 11 },
        inRange: { color: ['#dbe7f4', '#3b6ea8', '#1f3f66'] },
      },
      series: [{
        name: t('an.regions'), type: 'map', map: 'china', roam: false, selectedMode: false,
        top: 8, bottom: 8, left: 'center', layoutSize: '100%',
        itemStyle: { areaColor: '#f1f4f8', borderColor: '#c3cedb', borderWidth: 0.6 },
        emphasis: { label: { show: true, color: '#1e293b' }, itemStyle: { areaColor: '#e39b3b' } },
        label: { show: false },
        data,
      }],
    }, true);
  }

  const countryName = (country) => (country ? label('country.', country) : '');

  /** The province; a country without one says so; none at all means the orders had no address. */
  function regionName(r) {
    if (r.province) return html`${r.province} <span class="muted small region-country">${countryName(r.country)}</span>`;
    if (r.country) return html`${countryName(r.country)} <span class="muted small">${t('an.noProvince')}</span>`;
    return html`<span class="muted region-unknown">– ${t('an.noAddress')}</span>`;
  }


  function regionsView(r) {
    const regions = r.regions || [];
    const total = Number(r.orders) || 0;
    const shown = regions.slice(0, REGIONS_SHOWN);
    // a compact table (no cards on a phone): four narrow columns fit
    return html`${table('analytics-regions', [
      { label: t('an.col.region'), cls: 'region-cell', cell: regionName },
      { label: t('an.col.orders'), cls: 'num', cell: (x) => fmtNum(x.orders) },
      { label: t('an.col.share'), cls: 'num', cell: (x) => (total ? fmtPct((Number(x.orders) || 0) / total) : '–') },
      { label: t('an.col.paid'), cls: 'num', cell: (x) => fmtMoney(x.paid) },
    ], shown, { empty: t('an.regions.none'),
      rowAttrs: (x) => html`class="region" data-country="${x.country || ''}" data-province="${x.province || ''}"` })}
      ${regions.length > shown.length ? html`<p class="muted small regions-truncated">${t('an.regions.truncated', {
        shown: fmtNum(shown.length), total: fmtNum(regions.length) })}</p>` : ''}`;
  }

  // ---------------------------------------------------------------- pairs

  /** A compact table (no cards on a phone, where the orders of each SKU are left out). */
  function pairsView(r) {
    return table('analytics-pairs', [
      { label: t('an.col.skuA'), cell: (p) => skuLink(p.skuA) },
      { label: t('an.col.skuB'), cell: (p) => skuLink(p.skuB) },
      { label: t('an.col.together'), cls: 'num', cell: (p) => fmtNum(p.together) },
      { label: t('an.col.each'), cls: 'num wide-only', cell: (p) => html`<span class="muted">${fmtNum(p.ordersA)} · ${fmtNum(p.ordersB)}</span>` },
      { label: t('an.col.lift'), cls: 'num', cell: (p) => (Number(p.lift) >= LIFT_HIGH
        ? html`<strong class="lift high" title="${t('an.liftHigh')}">${fmtFixed(p.lift, 2)}</strong>`
        : html`<span class="lift">${fmtFixed(p.lift, 2)}</span>`) },
    ], r.boughtTogether || [], { empty: t('an.pairs.none'),
      rowAttrs: (p) => html`class="pair ${Number(p.lift) >= LIFT_HIGH ? 'hot' : ''}" data-sku-a="${p.skuA}" data-sku-b="${p.skuB}"` });
  }

  // ---------------------------------------------------------------- warehouses

  const lowStock = (w) => w.stockDays != null && Number(w.stockDays) < STOCK_DAYS_LOW;
  const lateShipping = (w) => w.onTimeShare != null && Number(w.onTimeShare) < ON_TIME_LOW;

  function warehousesView(items) {
    return table('analytics-warehouses', [
      { label: t('an.col.warehouse'), cell: (w) => html`<strong>${w.warehouse}</strong>` },
      { label: t('an.col.routed'), cls: 'num', cell: (w) => fmtNum(w.routed) },
      { label: t('an.col.shipped'), cls: 'num', cell: (w) => fmtNum(w.shipped) },
      { label: t('an.col.onTime'), cls: 'num', cell: (w) => fmtNum(w.shippedOnTime) },
      { label: t('an.col.onTimeShare'), cls: 'num on-time-share', cell: (w) => (lateShipping(w)
        ? html`<span class="flag-text" title="${t('an.onTimeLow', { pct: fmtPct(ON_TIME_LOW) })}">${fmtPct(w.onTimeShare)}</span>`
        : fmtPct(w.onTimeShare)) },
      { label: t('an.col.waiting'), cls: 'num', cell: (w) => fmtNum(w.waiting) },
      { label: t('an.col.stuck'), cls: 'num', cell: (w) => (Number(w.stuck) > 0 ? html`<span class="bad-text">${fmtNum(w.stuck)}</span>` : fmtNum(w.stuck)) },
      { label: t('an.col.transfers'), cls: 'num', cell: (w) => html`${fmtNum(w.transfersOut)} / ${fmtNum(w.transfersIn)}${Number(w.transfersLate) > 0
        ? html` <span class="warn-text">${t('an.late', { n: fmtNum(w.transfersLate) })}</span>` : ''}` },
      { label: t('an.col.units'), cls: 'num', cell: (w) => fmtNum(w.unitsShipped) },
      { label: t('an.col.onHand'), cls: 'num', cell: (w) => fmtNum(w.onHand) },
      { label: t('an.col.stockDays'), cls: 'num stock-days', cell: (w) => (lowStock(w)
        ? html`<span class="flag-text" title="${t('an.stockDaysLow', { n: STOCK_DAYS_LOW })}">${fmtFixed(w.stockDays, 1)}</span>`
        : fmtFixed(w.stockDays, 1)) },
    ], items, {
      stack: true, empty: t('an.warehouses.none'),
      rowAttrs: (w) => html`class="warehouse ${lowStock(w) || lateShipping(w) ? 'hot' : ''}" data-warehouse="${w.warehouse}"
        data-low-stock="${lowStock(w) ? 'true' : 'false'}" data-late="${lateShipping(w) ? 'true' : 'false'}"`,
    });
  }

  function drawOnTime(el, items) {
    const c = chartAt(el);
    if (!c) return;
    c.resize(); // it may have been hidden since it was made
    const shown = items.filter((w) => w.onTimeShare != null);
    const muted = '#64748b';
    c.setOption({
      animationDuration: 300,
      grid: { left: 6, right: 56, top: 12, bottom: 6, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true,
        formatter: (ps) => ps.map((p) => esc(p.name) + ': ' + esc(fmtPct(p.value))).join('<br>') },
      xAxis: { type: 'value', min: 0, max: 1, splitLine: { lineStyle: { color: '#edf0f4' } },
        axisLabel: { color: muted, formatter: (v) => Math.round(v * 100) + '%' } },
      yAxis: { type: 'category', inverse: true, data: shown.map((w) => w.warehouse), axisTick: { show: false },
        axisLine: { lineStyle: { color: '#cbd5e1' } }, axisLabel: { color: '#334155' } },
      title: { show: !shown.length, text: t('chart.empty'), left: 'center', top: 'middle',
        textStyle: { color: '#94a3b8', fontSize: 13, fontWeight: 'normal' } },
      series: [{
        name: t('an.col.onTimeShare'), type: 'bar', barMaxWidth: 16,
        data: shown.map((w) => ({ value: Number(w.onTimeShare),
          itemStyle: { color: Number(w.onTimeShare) < ON_TIME_LOW ? '#e39b3b' : '#4f9d8f', borderRadius: [0, 3, 3, 0] } })),
        label: { show: true, position: 'right', color: '#334155', formatter: (p) => fmtPct(p.value) },
        markLine: { silent: true, symbol: 'none', label: { show: false },
          lineStyle: { color: '#b4474f', type: 'dashed' }, data: [{ xAxis: ON_TIME_LOW }] },
      }],
    }, true);
  }

  // ---------------------------------------------------------------- daily report

  function reportView(r, canSend) {
    const png = typeof r.png === 'string' ? r.png.replace(/\s+/g, '') : '';
    const figures = r.figures && typeof r.figures === 'object' ? Object.entries(r.figures) : [];
    const value = (v) => (v != null && typeof v === 'object' ? html`<code class="json">${JSON.stringify(v)}</code>` : v);
    return html`<div class="report-head"><h3>${t('report.title', { date: r.date || '' })}</h3>
        ${r.zone ? html`<span class="muted small">${t('report.zone', { zone: r.zone })}</span>` : ''}</div>
      ${PNG_BASE64.test(png) ? html`<img id="report-image" class="report-image" src="data:image/png;base64,${png}"
        alt="${t('report.alt', { date: r.date || '' })}">` : html`<p class="notice error">${t('report.noImage')}</p>`}
      ${figures.length ? html`<details class="report-figures"><summary>${t('report.figures')}</summary>
        <dl class="kv">${figures.map(([k, v]) => html`<dt>${label('report.fig.', k)}</dt><dd>${value(v)}</dd>`)}</dl></details>` : ''}
      <div class="report-actions">
        <button type="button" class="btn primary" id="report-send" data-date="${r.date || ''}"
          ${canSend ? '' : html`disabled title="${t('report.needsRole')}"`}>${t('report.send')}</button>
        ${canSend ? '' : html`<span class="muted small">${t('report.needsRole')}</span>`}
      </div>
      <div id="report-send-result" aria-live="polite"></div>`;
  }

  // ---------------------------------------------------------------- page

  function pageAnalytics(main, ctx) {
    const days = windowDays(ctx.query);
    const askedDate = ctx.query.get('date');
    const startDate = askedDate && validDate(askedDate) ? askedDate : yesterday();
    const root = mount(main, html`<div class="page analytics">
      <div class="page-head"><h1>${t('nav.analytics')}</h1>
        <div class="seg" id="analytics-window" role="group" aria-label="${t('an.window')}">
          ${WINDOWS.map((d) => html`<button type="button" class="seg-btn ${d === days ? 'active' : ''}" data-days="${d}"
            aria-pressed="${d === days ? 'true' : 'false'}">${t('an.days', { n: d })}</button>`)}
        </div>
        <button type="button" class="btn ghost" id="analytics-refresh">${t('action.refresh')}</button></div>
      ${section('an-regions', t('an.regions'), t('an.regions.hint', { days }), html`<div class="section-body an-regions-body">
        <div class="map-box"><div class="map-chart" id="analytics-map" role="img" aria-label="${t('an.mapLabel')}"></div>
          <p class="notice map-missing" id="analytics-map-missing" hidden>${t('an.mapMissing')}</p></div>
        <div class="regions-box" id="analytics-regions-box"><p class="muted loading-text">${t('common.loading')}</p></div></div>`)}
      ${section('an-pairs', t('an.pairs'), t('an.pairs.hint', { n: PAIRS, lift: LIFT_HIGH }))}
      ${section('an-warehouses', t('an.warehouses'), t('an.warehouses.hint', {
        days, pct: fmtPct(ON_TIME_LOW), n: STOCK_DAYS_LOW }), html`<div class="an-warehouses-body">
        <div class="chart small-chart" id="analytics-ontime-chart" role="img" aria-label="${t('an.onTimeChart')}" hidden></div>
        <div class="section-body"><p class="muted loading-text">${t('common.loading')}</p></div></div>`)}
      ${section('an-report', t('report.section'), t('report.hint'), html`<div class="section-body">
        <form class="filters report-form" id="report-form" novalidate>
          <label class="field"><span>${t('report.date')}</span>
            <input type="date" id="report-date" name="date" required value="${startDate}" max="${isoDate(new Date())}"></label>
          <button type="submit" class="btn primary" id="report-show">${t('report.show')}</button>
        </form>
        <div id="report-box" aria-live="polite"><p class="muted report-empty">${t('report.pick')}</p></div></div>`)}
    </div>`);

    const sec = (id) => $('#' + id, root);
    const body = (id) => $('#' + id + ' .section-body', root);
    const failed = (id, text) => notice($('.section-error', sec(id)), text);
    const busy = (id, on) => sec(id).setAttribute('aria-busy', on ? 'true' : 'false');
    const meta = (id, text) => { $('.section-meta', sec(id)).textContent = text || ''; };

    async function loadOrders() {
      busy('an-regions', true);
      busy('an-pairs', true);
      try {
        const r = (await api('/api/v1/orders/analytics?days=' + days + '&pairs=' + PAIRS)) || {};
        if (!ctx.alive()) return;
        failed('an-regions', '');
        failed('an-pairs', '');
        const regions = r.regions || [];
        meta('an-regions', r.from && r.to ? t('an.range', { from: fmtTime(r.from), to: fmtTime(r.to), n: fmtNum(r.orders) })
          : t('an.ordersIn', { n: fmtNum(r.orders) }));
        const map = $('#analytics-map', root);
        const ready = mapReady();
        map.hidden = !ready;
        $('#analytics-map-missing', root).hidden = ready;
        sec('an-regions').classList.toggle('no-map', !ready);
        if (ready) drawMap(map, regions);
        setHtml($('#analytics-regions-box', root), regionsView(r));
        setHtml(body('an-pairs'), pairsView(r));
      } catch (e) {
        if (!ctx.alive()) return;
        failed('an-regions', e.message);
        failed('an-pairs', e.message);
        $('#analytics-map', root).hidden = true;
        setHtml($('#analytics-regions-box', root), '');
        setHtml(body('an-pairs'), '');
      } finally {
        if (ctx.alive()) {
          busy('an-regions', false);
          busy('an-pairs', false);
        }
      }
    }

    async function loadWarehouses() {
      busy('an-warehouses', true);
      try {
        const r = (await api('/api/v1/fulfilment/warehouses?days=' + days)) || {};
        if (!ctx.alive()) return;
        failed('an-warehouses', '');
        const items = r.items || [];
        const flagged = items.filter((w) => lowStock(w) || lateShipping(w)).length;
        meta('an-warehouses', flagged ? t('an.warehouses.flagged', { n: fmtNum(flagged) }) : '');
        setHtml(body('an-warehouses'), warehousesView(items));
        const chart = $('#analytics-ontime-chart', root);
        chart.hidden = !items.length;
        if (items.length) drawOnTime(chart, items);
      } catch (e) {
        if (!ctx.alive()) return;
        failed('an-warehouses', e.message);
        $('#analytics-ontime-chart', root).hidden = true;
        setHtml(body('an-warehouses'), '');
      } finally {
        if (ctx.alive()) busy('an-warehouses', false);
      }
    }

    let reportRun = 0; // only the last Show draws
    let shownDate = null;

    async function showReport(date) {
      const run = ++reportRun;
      const box = $('#report-box', root);
      const button = $('#report-show', root);
      failed('an-report', '');
      button.disabled = true;
      busy('an-report', true);
      setHtml(box, html`<p class="muted"><span class="spinner" aria-hidden="true"></span>${t('report.loading', { date })}</p>`);
      history.replaceState(null, '', analyticsHash(days, date));
      try {
        const r = (await api('/api/v1/alerts/report?date=' + encodeURIComponent(date))) || {};
        if (!ctx.alive() || run !== reportRun) return;
        shownDate = r.date || date;
        setHtml(box, reportView({ ...r, date: shownDate }, hasRole('admin') || hasRole('operator')));
      } catch (e) {
        if (!ctx.alive() || run !== reportRun) return;
        shownDate = null;
        failed('an-report', e.message);
        setHtml(box, '');
      } finally {
        if (ctx.alive() && run === reportRun) {
          button.disabled = false;
          busy('an-report', false);
        }
      }
    }

    async function sendReport(btn) {
      const date = btn.dataset.date || shownDate;
      const out = $('#report-send-result', root);
      btn.disabled = true;
      setHtml(out, html`<p class="muted"><span class="spinner" aria-hidden="true"></span>${t('report.sending')}</p>`);
      try {
        const r = await api('/api/v1/alerts/report/send?date=' + encodeURIComponent(date), { method: 'POST' });
        if (!ctx.alive() || !out.isConnected) return;
        setHtml(out, sinkResults(r, 'report-send-sinks'));
        const sinks = (r && r.sinks) || [];
        if (sinks.length && sinks.every((s) => s.ok)) toast(t('report.sent', { date }));
      } catch (e) {
        if (!ctx.alive() || !out.isConnected) return;
        setHtml(out, html`<p class="card-error" role="alert">${e.message}</p>`); // e.g. 403 for a viewer: the server's words
      } finally {
        if (btn.isConnected) btn.disabled = false;
      }
    }

    $('#analytics-window', root).addEventListener('click', (ev) => {
      const b = ev.target.closest('button[data-days]');
      if (b && Number(b.dataset.days) !== days) location.hash = analyticsHash(b.dataset.days, shownDate);
    });
    $('#analytics-refresh', root).addEventListener('click', () => {
      loadOrders();
      loadWarehouses();
    });
    $('#report-form', root).addEventListener('submit', (ev) => {
      ev.preventDefault();
      const input = $('#report-date', root);
      const date = input.value.trim();
      const ok = validDate(date);
      input.classList.toggle('invalid', !ok);
      if (!ok) {
        failed('an-report', t('report.dateInvalid'));
        input.focus();
        return;
      }
      showReport(date);
    });
    $('#report-date', root).addEventListener('input', (ev) => ev.target.classList.remove('invalid'));
    $('#report-box', root).addEventListener('click', (ev) => {
      const btn = ev.target.closest('#report-send');
      if (btn && !btn.disabled) sendReport(btn);
    });

    loadOrders();
    loadWarehouses();
    if (askedDate && validDate(askedDate)) showReport(askedDate);
  }

  OT.sinkResults = sinkResults;
  Object.assign(pages, { analytics: pageAnalytics });
})();
