'use strict';
// newsflow live page: follows /stream/alerts and /stream/articles (Server-Sent Events) and polls /api/trending;
// asks /api/articles/{id}/story for each new article and groups the cards of one story.
(function () {
  const MAX_ITEMS = 100;
  // the story step runs after the article is published: ask again after these delays (ms) until it answers
  const STORY_RETRIES = [1000, 3000, 8000, 20000];
  const alertsList = document.getElementById('alerts');
  const articlesList = document.getElementById('articles');
  const trendingList = document.getElementById('trending');
  const statusEl = document.getElementById('status');
  const filterEl = document.getElementById('leader-filter');
  let alertCount = 0;
  let articleCount = 0;
  const seenAlerts = new Set();
  const seenArticles = new Set();
  const cards = new Map();        // article id -> its card (li.article)
  const storyGroups = new Map();  // story id -> { li, list, header }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === 'class') e.className = v; else e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function setStatus(state, text) {
    statusEl.dataset.state = state;
    statusEl.textContent = text;
  }

  function matchesFilter(text) {
    const f = filterEl.value.trim().toLowerCase();
    return !f || text.toLowerCase().includes(f);
  }

  function applyFilter() {
    for (const li of alertsList.children) li.hidden = !matchesFilter(li.dataset.leader + ' ' + li.dataset.leaderId);
    for (const li of articlesList.children) {
      if (li.classList.contains('story-group')) {
        let any = false;
        for (const card of li.querySelectorAll('li.article')) {
          card.hidden = !matchesFilter(card.dataset.entities || '');
          any = any || !card.hidden;
        }
        li.hidden = !any;
      } else {
        li.hidden = !matchesFilter(li.dataset.entities || '');
      }
    }
  }
  filterEl.addEventListener('input', applyFilter);

  function wikidata(qid) {
    return qid ? el('a', { href: 'https://www.wikidata.org/wiki/' + qid, target: '_blank', rel: 'noopener' }, qid) : null;
  }

  // Text with the given [start, end) spans wrapped in <mark>, spans sorted and non-overlapping.
  function highlighted(text, spans) {
    const frag = document.createDocumentFragment();
    let at = 0;
    spans.sort((a, b) => a.start - b.start);
    for (const s of spans) {
      if (s.start < at || s.end > text.length) continue;
      frag.append(text.slice(at, s.start));
      frag.append(el('mark', { class: 'entity ' + s.type + (s.leader ? ' leader' : ''), title: s.title },
        text.slice(s.start, s.end)));
      at = s.end;
    }
    frag.append(text.slice(at));
    return frag;
  }

  function spansFor(article, field, limit) {
    const spans = [];
    for (const e of article.entities || []) {
      for (const m of e.mentions || []) {
        if (m.field === field && m.end <= limit) {
          spans.push({ start: m.start, end: m.end, type: e.type, leader: e.leader,
            title: e.name + (e.qid ? ' · ' + e.qid : '') + (e.role ? ' · ' + e.role : '') });
        }
      }
    }
    return spans;
  }

  function prepend(list, li) {
    li.classList.add('fresh');
    list.prepend(li);
    while (list.children.length > MAX_ITEMS) list.lastElementChild.remove();
  }

  function showAlert(a) {
    if (seenAlerts.has(a.alertId)) return;
    seenAlerts.add(a.alertId);
    const details = a.details || {};
    const li = el('li', { class: 'alert', 'data-alert-id': a.alertId, 'data-rule-type': a.ruleType,
        'data-tier': a.tier, 'data-leader': a.leaderName, 'data-leader-id': a.leaderId },
      el('div', null,
        el('span', { class: 'badge tier-' + a.tier }, a.tier),
        el('span', { class: 'badge rule-type' }, a.ruleType),
        details.polarity ? el('span', { class: 'badge stance-badge ' + details.polarity }, details.polarity + ' ' + (details.target || '')) : null,
        el('strong', { class: 'leader' }, a.leaderName), ' ', wikidata(a.leaderId)),
      el('div', { class: 'evidence' }, '“' + a.evidence + '”'),
      el('div', { class: 'meta' }, a.ruleName + ' · ' + (a.articleTitle || a.articleId) + ' · ' +
        new Date(a.alertedAt).toLocaleTimeString()));
    li.hidden = !matchesFilter(a.leaderName + ' ' + a.leaderId);
    prepend(alertsList, li);
    document.getElementById('alert-count').textContent = String(++alertCount);
  }

  function showArticle(a) {
    if (seenArticles.has(a.id)) return;
    seenArticles.add(a.id);
    const title = a.title || a.id;
    const lead = (a.body || '').split('\n')[0].slice(0, 600);
    const chips = el('div', { class: 'chips' });
    for (const e of (a.entities || []).slice(0, 14)) {
      chips.append(el('span', { class: 'chip entity-chip ' + e.type }, e.name, e.qid ? ' ' : null, wikidata(e.qid)));
    }
    const quotes = el('ul', { class: 'quotes' });
    for (const q of (a.quotes || []).slice(0, 3)) {
      quotes.append(el('li', { class: 'quote' }, (q.speakerName || 'unattributed') + ': “' +
        (q.text.length > 160 ? q.text.slice(0, 159) + '…' : q.text) + '”'));
    }
    const stances = el('div', { class: 'stances' });
    for (const s of (a.stances || []).slice(0, 5)) {
      stances.append(el('span', { class: 'badge stance-badge ' + s.polarity, title: s.evidence },
        s.holderName + ' ' + s.polarity + ' ' + s.targetName));
    }
    const li = el('li', { class: 'article', 'data-article-id': a.id,
        'data-entities': (a.entities || []).map(e => e.name + ' ' + e.id).join(' ') },
      el('h3', null, highlighted(title, a.title ? spansFor(a, 'TITLE', title.length) : [])),
      el('div', { class: 'meta' }, (a.source || 'unknown source') + ' · ' + (a.publishedAt ? new Date(a.publishedAt).toLocaleString() : '')),
      el('p', { class: 'lead' }, highlighted(lead, spansFor(a, 'BODY', lead.length))),
      chips, stances, quotes);
    li.hidden = !matchesFilter(li.dataset.entities);
    cards.set(a.id, li);
    prepend(articlesList, li);
    document.getElementById('article-count').textContent = String(++articleCount);
    lookUpStory(a.id, 0);
  }

  async function lookUpStory(articleId, attempt) {
    try {
      const r = await fetch('/api/articles/' + encodeURIComponent(articleId) + '/story');
      const story = r.ok ? await r.json() : null;
      if (story && story.storyId) {
        showStory(story);
        return;
      }
    } catch (e) {
      // asked again below
    }
    if (attempt < STORY_RETRIES.length) setTimeout(() => lookUpStory(articleId, attempt + 1), STORY_RETRIES[attempt]);
  }

  // Puts the cards of a story that are on the page into one group (shown where the newest article is).
  function showStory(story) {
    const articles = story.articles || [];
    const present = articles.map(s => cards.get(s.articleId)).filter(li => li && li.isConnected);
    let group = storyGroups.get(story.storyId);
    if (group && !group.li.isConnected) {
      storyGroups.delete(story.storyId);
      group = null;
    }
    if (!group && present.length < 2) return;
    if (!group) {
      const header = el('div', { class: 'story-header' });
      const list = el('ol', { class: 'story-articles' });
      const li = el('li', { class: 'story-group', 'data-story-id': story.storyId }, header, list);
      group = { li, list, header };
      storyGroups.set(story.storyId, group);
    }
    const first = articles[0] || {};
    group.header.replaceChildren(el('span', { class: 'badge story-badge' }, 'STORY'), ' ',
      el('strong', null, articles.length + ' articles'), ' · first: ' + (first.title || first.articleId || ''));
    const newestFirst = present.slice().sort((x, y) => articles.findIndex(s => s.articleId === y.dataset.articleId)
      - articles.findIndex(s => s.articleId === x.dataset.articleId));
    group.list.replaceChildren(...newestFirst);
    prepend(articlesList, group.li);
    applyFilter();
  }

  function follow(path, type, handler) {
    const source = new EventSource(path);
    source.addEventListener('open', () => setStatus('live', 'live'));
    source.addEventListener('error', () => setStatus('error', 'reconnecting…'));
    source.addEventListener(type, ev => handler(JSON.parse(ev.data)));
    return source;
  }

  async function refreshTrending() {
    try {
      const r = await fetch('/api/trending?window=PT1H&limit=10');
      if (!r.ok) return;
      const t = await r.json();
      trendingList.replaceChildren(...t.entities.map(e =>
        el('li', { class: 'trend', 'data-entity-id': e.entityId }, el('span', null, e.name), el('strong', null, e.count))));
    } catch (e) {
      // the next poll tries again
    }
  }

  follow('/stream/alerts', 'alert', showAlert);
  follow('/stream/articles', 'article', showArticle);
  refreshTrending();
  setInterval(refreshTrending, 5000);
})();
