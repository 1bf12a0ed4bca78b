/*
 * OrderTower web console: the alerts page (#/alerts). The active alerts of the alerts bundle, newest first: how
 * urgent, what and since when, how often seen, when last sent to the group chats and how many sightings wait for the
 * next message, with a link to the console page (or outside page) that shows the trouble. Refreshes every 30 s; "Send
 * test message" sends one message to every configured sink now and shows what each did.
 *
 * Without the alerts bundle the server answers 404 or 503: the page shows that error. The server decides who may send
 * a test message: a refusal (403) is shown as it comes.
 *
 * Uses the helpers of app.js (window.OrderTower) like pages.js, and sinkResults() of analytics.js: every piece of
 * HTML is built with its html`` tag, which escapes every interpolated value with esc().
 */
(() => {
  'use strict';

  const {
    pages, t, html, setHtml, mount, $, fmtTime, fmtNum, fmtAge, label, hasRole, toast, table, notice, api, sinkResults,
  } = window.OrderTower;

  const REFRESH_MS = 30000;
  const LIMIT = 100;
  const SEVERITIES = ['CRITICAL', 'WARNING', 'INFO'];

  /** "3 min ago", with the full time as a tooltip; a dash (or `never`) without a time. */
  function ago(iso, never) {
    if (!iso) return html`<span class="muted">${never || '–'}</span>`;
    return html`<time datetime="${iso}" title="${fmtTime(iso)}">${t('ch.ago', { age: fmtAge(iso) })}</time>`;
  }

  const severityChip = (s) => html`<span class="sev" data-severity="${SEVERITIES.includes(s) ? s : 'OTHER'}">${label('sev.', s)}</span>`;

  /**
   * Where an alert's link leads: a console page ("…/ordertower/#/stock?sku=A") opens here through the router; any
   * other http(s) address in a new tab; anything else is not a link.
   */
  function openLink(link) {
    if (!link) return html`<span class="muted">–</span>`;
    const at = String(link).indexOf('#/');
    if (at >= 0) return html`<a class="alert-open btn small" href="${String(link).slice(at)}">${t('alerts.open')}</a>`;
    if (/^https?:\/\//i.test(link)) {
      return html`<a class="alert-open btn small" href="${link}" target="_blank" rel="noopener noreferrer">${t('alerts.open')} ↗</a>`;
    }
    return html`<span class="muted">–</span>`;
  }

  function alertsTable(items) {
    return table('alerts-table', [
      { label: t('alerts.col.severity'), cell: (a) => severityChip(a.severity) },
      { label: t('alerts.col.title'), cls: 'wrap', cell: (a) => html`<strong class="alert-title">${a.title || '–'}</strong>
        ${a.kind ? html`<div class="muted small"><code>${a.kind}</code></div>` : ''}` },
      { label: t('alerts.col.message'), cls: 'wrap', cell: (a) => html`<span class="alert-message">${a.message || '–'}</span>` },
      { label: t('alerts.col.first'), cell: (a) => ago(a.firstAt) },
      { label: t('alerts.col.last'), cell: (a) => ago(a.lastSeenAt) },
      { label: t('alerts.col.seen'), cls: 'num', cell: (a) => fmtNum(a.total) },
      { label: t('alerts.col.sent'), cell: (a) => html`${ago(a.lastSentAt, t('alerts.notSent'))}${Number(a.suppressed) > 0
        ? html`<div class="muted small alert-suppressed">${t('alerts.suppressed', { n: fmtNum(a.suppressed) })}</div>` : ''}` },
      { label: t('alerts.col.open'), cls: 'actions', cell: (a) => openLink(a.link) },
    ], items, { stack: true, empty: t('alerts.none'),
      rowAttrs: (a) => html`class="alert-row ${a.severity === 'CRITICAL' ? 'bad' : ''}" data-key="${a.key}" data-severity="${a.severity}"` });
  }

  function pageAlerts(main, ctx) {
    const mayTest = hasRole('admin') || hasRole('operator');
    const root = mount(main, html`<div class="page alerts">
      <div class="page-head"><h1>${t('nav.alerts')}</h1><span class="muted" id="alerts-updated"></span>
        <div class="head-actions">
          <button type="button" class="btn" id="alerts-test" ${mayTest ? '' : html`disabled title="${t('alerts.needsRole')}"`}>${t('alerts.test')}</button>
          <button type="button" class="btn ghost" id="alerts-refresh">${t('action.refresh')}</button>
        </div></div>
      <div id="alerts-test-result" aria-live="polite"></div>
      <p class="notice error" id="alerts-notice" role="alert" hidden></p>
      <section class="panel" id="alerts-section" aria-busy="false">
        <div class="section-head"><h2>${t('alerts.active')}</h2><span class="tag section-count" id="alerts-count" hidden></span></div>
        <p class="muted small section-hint">${t('alerts.hint')}</p>
        <div id="alerts-box"><p class="muted loading-text">${t('common.loading')}</p></div>
      </section>
    </div>`);

    let loading = false;
    let again = false;

    async function load() {
      if (loading) { again = true; return; }
      loading = true;
      const sec = $('#alerts-section', root);
      sec.setAttribute('aria-busy', 'true');
      try {
        const r = await api('/api/v1/alerts?limit=' + LIMIT);
        if (!ctx.alive()) return;
        notice($('#alerts-notice', root), '');
        const items = (r && r.items) || [];
        const critical = items.filter((a) => a.severity === 'CRITICAL').length;
        const count = $('#alerts-count', root);
        count.textContent = fmtNum(items.length);
        count.hidden = false;
        count.classList.toggle('warn', critical > 0);
        setHtml($('#alerts-box', root), alertsTable(items));
        $('#alerts-updated', root).textContent = t('ov.updated', { time: new Date().toLocaleTimeString(
          window.I18N.lang() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false }) });
      } catch (e) {
        if (!ctx.alive()) return;
        notice($('#alerts-notice', root), e.message); // 404 or 503 without the alerts bundle: the server's words
        if ($('#alerts-box > .loading-text', root)) setHtml($('#alerts-box', root), ''); // what it showed before stays
      } finally {
        loading = false;
        sec.setAttribute('aria-busy', 'false');
        if (again && ctx.alive()) { again = false; load(); }
      }
    }

    async function sendTest(btn) {
      const out = $('#alerts-test-result', root);
      btn.disabled = true;
      setHtml(out, html`<p class="notice"><span class="spinner" aria-hidden="true"></span>${t('alerts.testing')}</p>`);
      try {
        const r = await api('/api/v1/alerts/test', { method: 'POST' });
        if (!ctx.alive()) return;
        setHtml(out, html`<div class="panel test-result"><h2>${t('alerts.testResult', { time: fmtTime(new Date().toISOString()) })}</h2>
          ${sinkResults(r, 'alerts-test-sinks')}</div>`);
        const sinks = (r && r.sinks) || [];
        if (sinks.length && sinks.every((s) => s.ok)) toast(t('alerts.testSent'));
      } catch (e) {
        if (!ctx.alive()) return;
        setHtml(out, html`<p class="notice error" role="alert">${e.message}</p>`); // e.g. 403 for a viewer
      } finally {
        if (ctx.alive()) btn.disabled = false;
      }
    }

    $('#alerts-refresh', root).addEventListener('click', load);
    $('#alerts-test', root).addEventListener('click', (ev) => {
      if (!ev.currentTarget.disabled) sendTest(ev.currentTarget);
    });

    load();
    const timer = setInterval(load, REFRESH_MS);
    return { dispose() { clearInterval(timer); } };
  }

  Object.assign(pages, { alerts: pageAlerts });
})();
