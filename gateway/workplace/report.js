'use strict';
/*
 * The monitoring report: the G.I.B. quarterly tables for a period, module shares of the
 * stock and outcomes, as charts and tables with a CSV download each. Every figure comes
 * from the gateway as the signed-in role may see it (protected for analysts, exact for a
 * kreis caseworker); the page computes shares only, never new counts.
 */
(function () {
  const MODULES = [
    ['F1_COACHING', 'F1 Coaching'],
    ['F2_QUALIFICATION_LANGUAGE', 'F2 Qualifizierung/Sprache'],
    ['F3_SCHOOL_CERTIFICATE', 'F3 Schulabschluss'],
    ['F4_PREPARATORY_COURSES', 'F4 Vorbereitende Kurse'],
  ];
  // Field, column heading, chart label: placements are those the Agentur or Jobcenter recorded.
  const OUTCOMES = [
    ['withInternship', 'Internship (Praktikum)', 'With internship'],
    ['withLanguageExamPassed', 'Language exam passed', 'Language exam passed'],
    ['ausbildung', 'Ausbildung', 'Placed: Ausbildung'],
    ['einstiegsqualifizierung', 'Einstiegs\u00adqualifizierung', 'Placed: Einstiegsqualifizierung'],
    ['beschaeftigung', 'Beschäftigung', 'Placed: Beschäftigung'],
    ['minijob', 'Minijob', 'Placed: Minijob'],
    ['anyPlacement', 'Any placement', 'Any placement'],
  ];
  const COLOURS = ['#0b5ea8', '#c8553d', '#2a9d8f', '#e9a03b', '#6d597a', '#8d99ae', '#355070'];
  const SUPPRESSED = '–';

  const QUERY = `query MonitoringReport($from: LocalDate!, $to: LocalDate!, $filter: ParticipantFilter) {
  providers { id name }
  monitoring(from: $from, to: $to) {
    quarter
    entries { ...F }
    exits { ...F }
    stock { ...F }
    modules { module stock { ...F } }
  }
  byProvider: statistics(by: [PROVIDER], filter: $filter) { ...Outcomes }
  total: statistics(by: [], filter: $filter) { ...Outcomes }
}
fragment F on Figure { value suppressed }
fragment Outcomes on StatisticsCell {
  group { dimension value }
  participants { ...F }
  withInternship { ...F }
  withLanguageExamPassed { ...F }
  anyPlacement: withPlacement { ...F }
  ausbildung: withPlacement(kind: AUSBILDUNG) { ...F }
  einstiegsqualifizierung: withPlacement(kind: EINSTIEGSQUALIFIZIERUNG) { ...F }
  beschaeftigung: withPlacement(kind: BESCHAEFTIGUNG) { ...F }
  minijob: withPlacement(kind: MINIJOB) { ...F }
}`;

  const $ = (id) => document.getElementById(id);
  const number = new Intl.NumberFormat('en-GB');
  const percent = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const charts = {};
  let tables = null;

  const isFigure = (cell) => cell !== null && typeof cell === 'object' && 'suppressed' in cell;
  const valueOf = (figure) => (figure && !figure.suppressed && typeof figure.value === 'number' ? figure.value : null);
  // A share of a handful of people says little, and of perturbed small figures can pass 100 %.
  const MIN_SHARE_BASE = 10;
  function share(part, whole) {
    const p = valueOf(part);
    const w = valueOf(whole);
    return p === null || w === null || w < MIN_SHARE_BASE ? null : (100 * p) / w;
  }

  function setStatus(text, isError) {
    $('status').textContent = text;
    $('status').classList.toggle('error', !!isError);
  }

  /** Tables as data: columns (key, label, share of which column) and rows of texts and figures. */
  function buildTables(data) {
    const providerNames = new Map(data.providers.map((p) => [p.id, p.name]));
    const quarters = {
      file: 'monitoring-quarters',
      caption: 'Entries: entered in the quarter. Exits: left in the quarter. Stock: in the programme at the quarter end.',
      columns: [
        { key: 'quarter', label: 'Quarter' },
        { key: 'entries', label: 'Entries (Eintritte)' },
        { key: 'exits', label: 'Exits (Austritte)' },
        { key: 'stock', label: 'Stock at quarter end (Bestand)' },
      ],
      rows: data.monitoring.map((q) => ({
        key: q.quarter,
        cells: { quarter: q.quarter, entries: q.entries, exits: q.exits, stock: q.stock },
      })),
    };
    const modules = {
      file: 'monitoring-module-stock',
      caption:
        'Participants in stock at the quarter end with a running referral to the module; one person can be in two modules, so shares can add up to more than 100 %.',
      columns: [
        { key: 'quarter', label: 'Quarter' },
        { key: 'stock', label: 'Stock (Bestand)' },
      ].concat(MODULES.map(([module, label]) => ({ key: module, label, shareOf: 'stock' }))),
      rows: data.monitoring.map((q) => {
        const cells = { quarter: q.quarter, stock: q.stock };
        for (const [module] of MODULES) {
          const found = q.modules.find((m) => m.module === module);
          cells[module] = found ? found.stock : { value: 0, suppressed: false };
        }
        return { key: q.quarter, cells };
      }),
    };
    const outcomeRow = (key, name, cell) => {
      const cells = { provider: name, participants: cell.participants };
      for (const [field] of OUTCOMES) cells[field] = cell[field];
      return { key, cells };
    };
    const providerRows = data.byProvider
      .map((cell) => {
        const id = (cell.group.find((g) => g.dimension === 'PROVIDER') || {}).value || '';
        return outcomeRow(id, providerNames.get(id) || id, cell);
      })
      .sort((a, b) => a.cells.provider.localeCompare(b.cells.provider));
    const outcomes = {
      file: 'outcomes-by-provider',
      caption:
        'Participants who entered between the dates above, by the provider they were referred to (someone referred to both counts in both rows, once in the total). ' +
        'Ausbildung to Minijob: placements the Agentur für Arbeit or the Jobcenter recorded; shares are of the row’s participants.',
      columns: [
        { key: 'provider', label: 'Provider' },
        { key: 'participants', label: 'Participants' },
      ].concat(OUTCOMES.map(([field, label]) => ({ key: field, label, shareOf: 'participants' }))),
      rows: providerRows,
      total: data.total[0] ? outcomeRow('total', 'All providers', data.total[0]) : null,
    };
    return { quarters, modules, outcomes };
  }

  function figureCell(td, figure, whole) {
    if (figure.suppressed || typeof figure.value !== 'number') {
      td.textContent = SUPPRESSED;
      td.title = 'suppressed';
      td.classList.add('suppressed');
      td.dataset.suppressed = 'true';
      return;
    }
    td.textContent = number.format(figure.value);
    td.dataset.value = String(figure.value);
    if (whole !== undefined) {
      const s = share(figure, whole);
      if (s !== null) {
        const span = document.createElement('span');
        span.className = 'share';
        span.textContent = '(' + percent.format(s) + ' %)';
        td.append(span);
      }
    }
  }

  function renderTable(id, table) {
    const element = $('table-' + id);
    element.replaceChildren();
    const caption = element.createCaption();
    caption.textContent = table.caption;
    const headRow = element.createTHead().insertRow();
    for (const column of table.columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = column.label;
      headRow.append(th);
    }
    const fill = (tr, row) => {
      tr.dataset.row = row.key;
      for (const column of table.columns) {
        const cell = row.cells[column.key];
        const td = tr.insertCell();
        td.dataset.column = column.key;
        if (isFigure(cell)) figureCell(td, cell, column.shareOf ? row.cells[column.shareOf] : undefined);
        else td.textContent = cell;
      }
    };
    const body = element.createTBody();
    for (const row of table.rows) fill(body.insertRow(), row);
    if (table.rows.length === 0) {
      const td = body.insertRow().insertCell();
      td.colSpan = table.columns.length;
      td.textContent = 'No rows for this period.';
    }
    if (table.total) fill(element.createTFoot().insertRow(), table.total);
  }

  /** RFC 4180 CSV; suppressed figures read "suppressed", shares are separate columns. */
  function toCsv(table) {
    const quote = (text) => (/[",\n;]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text);
    const header = [];
    for (const column of table.columns) {
      // Soft hyphens help narrow table headings, not spreadsheets.
      const label = column.label.replace(/\u00ad/g, '');
      header.push(label);
      if (column.shareOf) header.push(label + ' share (%)');
    }
    const lines = [header.map(quote).join(',')];
    for (const row of table.rows.concat(table.total ? [table.total] : [])) {
      const values = [];
      for (const column of table.columns) {
        const cell = row.cells[column.key];
        if (!isFigure(cell)) values.push(String(cell));
        else values.push(valueOf(cell) === null ? 'suppressed' : String(cell.value));
        if (column.shareOf) {
          const s = share(cell, row.cells[column.shareOf]);
          values.push(s === null ? '' : s.toFixed(1));
        }
      }
      lines.push(values.map(quote).join(','));
    }
    return lines.join('\r\n') + '\r\n';
  }

  function download(id) {
    if (!tables) return;
    const table = tables[id];
    const blob = new Blob(['\ufeff' + toCsv(table)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = table.file + '_' + $('from').value + '_' + $('to').value + '.csv';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function chart(id, config) {
    if (charts[id]) charts[id].destroy();
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false, plugins: {} }, config.options || {});
    charts[id] = new Chart($(id), config);
  }

  function renderCharts() {
    const labels = tables.quarters.rows.map((r) => r.key);
    const series = (table, key) => table.rows.map((r) => valueOf(r.cells[key]));
    chart('chart-flow', {
      type: 'bar',
      data: {
        labels,
        datasets: [
          {
            type: 'line',
            label: 'Stock (Bestand)',
            data: series(tables.quarters, 'stock'),
            borderColor: COLOURS[0],
            backgroundColor: COLOURS[0],
            tension: 0.2,
          },
          { label: 'Entries (Eintritte)', data: series(tables.quarters, 'entries'), backgroundColor: COLOURS[2] },
          { label: 'Exits (Austritte)', data: series(tables.quarters, 'exits'), backgroundColor: COLOURS[1] },
        ],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'participants' } } } },
    });
    chart('chart-modules', {
      type: 'line',
      data: {
        labels,
        datasets: MODULES.map(([module, label], i) => ({
          label,
          data: tables.modules.rows.map((r) => share(r.cells[module], r.cells.stock)),
          borderColor: COLOURS[i],
          backgroundColor: COLOURS[i],
          tension: 0.2,
        })),
      },
      options: { scales: { y: { beginAtZero: true, suggestedMax: 100, title: { display: true, text: '% of stock' } } } },
    });
    const groups = tables.outcomes.rows.concat(tables.outcomes.total ? [tables.outcomes.total] : []);
    chart('chart-outcomes', {
      type: 'bar',
      data: {
        labels: OUTCOMES.map(([, , label]) => label),
        datasets: groups.map((row, i) => ({
          label: row.cells.provider,
          data: OUTCOMES.map(([field]) => share(row.cells[field], row.cells.participants)),
          backgroundColor: COLOURS[i % COLOURS.length],
        })),
      },
      options: {
        indexAxis: 'y',
        scales: { x: { beginAtZero: true, suggestedMax: 100, title: { display: true, text: '% of participants' } } },
      },
    });
  }

  function paragraph(text) {
    const p = document.createElement('p');
    p.textContent = text;
    return p;
  }

  function renderProtection(viewer) {
    const exact = !!viewer && viewer.org === 'kreis' && viewer.roles.includes('caseworker');
    const suppressed = document.querySelectorAll('#figures td.suppressed').length;
    const box = $('protection');
    box.classList.toggle('perturbed', !exact);
    const text = $('protection-text');
    text.replaceChildren();
    if (exact) {
      text.append(
        paragraph(
          'You are signed in as a caseworker of Kreis Wesel, so these are the exact counts. Small counts can point to individual young people: ' +
            'before showing this page outside the project team, sign in as an analyst, whose figures are protected.',
        ),
      );
    } else {
      text.append(
        paragraph(
          'These figures are protected so that no one can be singled out. Each figure may have been changed by a small amount that is fixed for its group (the cell key method, ' +
            'as the Statistisches Bundesamt uses it for the Zensus 2022): it is at most 3 away from the true count, it is never 1 or 2, and zero stays zero. ' +
            'The same group always shows the same figure, whichever query or report asks for it, so comparing reports reveals nothing more.',
        ),
        paragraph(
          'Figures that cannot be protected this way are suppressed and shown as “' +
            SUPPRESSED +
            '” (“suppressed” in the CSV files): the outcomes of a group of fewer than 5 people, since “3 of 3 had a placement” would tell each one’s outcome. ' +
            'Because each figure is protected on its own, rows need not add up to totals, shares are approximate, and differences of a few participants are not meaningful.',
        ),
      );
    }
    text.append(
      paragraph(
        suppressed === 0
          ? 'No figure on this page is suppressed.'
          : suppressed + (suppressed === 1 ? ' figure on this page is' : ' figures on this page are') + ' suppressed.',
      ),
      paragraph('Shares (%) are shown only for groups of ' + MIN_SHARE_BASE + ' participants or more.'),
    );
    box.hidden = false;
  }

  function clear() {
    tables = null;
    $('figures').hidden = true;
    $('protection').hidden = true;
    for (const id of Object.keys(charts)) {
      charts[id].destroy();
      delete charts[id];
    }
  }

  async function load() {
    const viewer = Workplace.viewer();
    if (!viewer) {
      clear();
      return setStatus('Sign in above to see the figures.');
    }
    const from = $('from').value;
    const to = $('to').value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return setStatus('Enter both dates as YYYY-MM-DD.', true);
    if (from > to) return setStatus('The start date must not be after the end date.', true);
    setStatus('Loading…');
    let answer;
    try {
      answer = await Workplace.graphql(QUERY, { from, to, filter: { enteredFrom: from, enteredTo: to } }, 'MonitoringReport');
    } catch {
      clear();
      return setStatus('The gateway cannot be reached.', true);
    }
    if (answer.errors && answer.errors.length) {
      clear();
      const codes = answer.errors.map((e) => (e.extensions && e.extensions.code) || '');
      const hint = codes.includes('FORBIDDEN') ? ' The report is for analysts and Kreis Wesel caseworkers.' : '';
      return setStatus('The figures could not be loaded: ' + answer.errors[0].message + hint, true);
    }
    tables = buildTables(answer.data);
    for (const id of Object.keys(tables)) renderTable(id, tables[id]);
    $('figures').hidden = false;
    renderCharts();
    renderProtection(viewer);
    const count = tables.quarters.rows.length;
    setStatus(count + (count === 1 ? ' quarter' : ' quarters') + ' from ' + from + ' to ' + to + '.');
  }

  document.addEventListener('click', (event) => {
    const button = event.target.closest('button.download');
    if (button) download(button.dataset.table);
  });
  $('period').addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  Workplace.mount($('signin'));
  Workplace.onChange(() => load());
  load();
})();
