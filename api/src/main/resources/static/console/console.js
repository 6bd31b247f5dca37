// tagledger's web console: hash-routed pages over the REST API. Every answer comes from the API with
// the credentials the user gave, so the console shows exactly what that identity may read, and the API's
// own problem details when it may not. No rule of the registry is decided here.
'use strict';

const AUDIT_TYPES = ['RepositoryCreated', 'TagMutabilitySet', 'ImagePushed', 'ImageUntagged', 'ImageDeleted',
    'RepositoryDeleted', 'CommandRefused', 'AccessDenied'];
const MUTABILITIES = ['MUTABLE', 'IMMUTABLE', 'MUTABLE_WITH_EXCLUSION', 'IMMUTABLE_WITH_EXCLUSION'];
const PAGE = 25;
/** How many of a repository's refusals (and releases) the timeline reads, newest first, to find a tag's. */
const REFUSAL_SCAN = 5000;
const CREDENTIALS = 'tagledger.console.credentials';

const main = document.getElementById('main');
let leaving = [];
let moved = false;
/** Which page is on screen: each route change makes a new one. */
let generation = 0;

// ---- building blocks -------------------------------------------------------------------------------

/** An element with attributes (on* are listeners) and children; text is always text, never markup. */
function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (name.startsWith('on')) {
            element.addEventListener(name.slice(2), value);
        } else if (value === true) {
            element.setAttribute(name, '');
        } else if (value !== null && value !== undefined && value !== false) {
            element.setAttribute(name, value);
        }
    }
    for (const child of present(children)) {
        element.append(child instanceof Node ? child : String(child));
    }
    return element;
}

/** Nodes and text, without the absent ones ({@code null}, {@code false}) that a DOM call would print. */
function present(children) {
    return children.flat(Infinity).filter(child => child !== null && child !== undefined && child !== false);
}

/** Replaces the page's last element, the one that said it was loading, with what was loaded. */
function replaceLoading(...content) {
    main.lastChild.replaceWith(...present(content));
}

function announce(text) {
    document.getElementById('status').textContent = text;
}

/**
 * Shows a page: its title first. After the user moved to another page, the title takes the focus, so
 * that keyboard and screen-reader users start there; on the first page, the skip link comes first.
 */
function show(title, ...content) {
    const heading = h('h1', {tabindex: '-1'}, title);
    main.replaceChildren(heading, ...present(content));
    document.title = title + ' · tagledger';
    if (moved) {
        heading.focus();
    }
    return heading;
}

function message(text, kind) {
    return h('p', {class: 'message' + (kind ? ' ' + kind : ''), role: kind === 'error' ? 'alert' : null}, text);
}

function problemText(answer) {
    const problem = answer.json || {};
    const detail = problem.detail || answer.statusText || 'No answer';
    return (problem.code ? problem.code + ': ' : '') + detail + (problem.field ? ' (' + problem.field + ')' : '');
}

/** An instant as the API gives it, readable and unambiguous (UTC), with the exact value for machines. */
function when(instant) {
    if (!instant) {
        return h('span', {}, 'now');
    }
    return h('time', {datetime: instant, title: instant}, instant.replace('T', ' ').replace('Z', ' UTC'));
}

function count(number, noun) {
    return number + ' ' + noun + (number === 1 ? '' : 's');
}

function digest(value) {
    return value ? h('code', {class: 'digest', title: value}, value.slice(0, 19) + '…') : '';
}

function repositoryPath(name) {
    return '/repositories/' + name.split('/').map(encodeURIComponent).join('/');
}

function repositoryLink(name, asOf) {
    return h('a', {href: route('repository', [name], asOf ? {asOf} : {})}, name);
}

function query(parameters) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(parameters)) {
        if (value !== null && value !== undefined && value !== '') {
            search.set(name, value);
        }
    }
    const text = search.toString();
    return text ? '?' + text : '';
}

function route(page, segments, parameters) {
    return '#/' + [page, ...(segments || [])].map(encodeURIComponent).join('/') + query(parameters || {});
}

function table(headings, rows, caption) {
    return h('div', {class: 'table-wrap'},
        h('table', {}, caption ? h('caption', {class: 'visually-hidden'}, caption) : null,
            h('thead', {}, h('tr', {}, headings.map(heading => h('th', {scope: 'col'}, heading)))),
            h('tbody', {}, rows)));
}

/** A datetime-local value read as UTC, as every instant on these pages is shown. */
function instantOf(localValue) {
    if (!localValue) {
        return '';
    }
    const parsed = new Date(localValue + (localValue.length === 16 ? ':00' : '') + 'Z');
    return isNaN(parsed) ? '' : parsed.toISOString();
}

function localValueOf(instant) {
    return instant ? instant.replace('Z', '').slice(0, 19) : '';
}

// ---- the API ---------------------------------------------------------------------------------------

function credentials() {
    try {
        return JSON.parse(sessionStorage.getItem(CREDENTIALS));
    } catch (unreadable) {
        return null;
    }
}

function authorization() {
    const given = credentials();
    if (!given) {
        return null;
    }
    return given.token ? 'Bearer ' + given.token : 'Basic ' + btoa(given.keyId + ':' + given.secret);
}

/**
 * Calls the REST API; answers {ok, status, json} and never throws for an HTTP error. An answer that
 * arrives after the user has moved to another page never resolves, so that no page draws into another.
 */
async function api(path, options) {
    const asked = generation;
    const answer = await call(path, options);
    return asked === generation ? answer : new Promise(() => {});
}

async function call(path, options) {
    const settings = options || {};
    const headers = {Accept: settings.accept || 'application/json'};
    const auth = authorization();
    if (auth) {
        headers.Authorization = auth;
    }
    if (settings.body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
        response = await fetch(path, {method: settings.method || 'GET', headers, cache: 'no-store',
            body: settings.body === undefined ? undefined : JSON.stringify(settings.body)});
    } catch (unreachable) {
        return {ok: false, status: 0, statusText: 'The service cannot be reached', json: null};
    }
    if (settings.raw) {
        return {ok: response.ok, status: response.status, statusText: response.statusText, response,
            json: response.ok ? null : await response.json().catch(() => null)};
    }
    const text = await response.text();
    let json = null;
    try {
        json = text ? JSON.parse(text) : null;
    } catch (notJson) {
        json = null;
    }
    return {ok: response.ok, status: response.status, statusText: response.statusText, json};
}

/** What the page shows instead of an answer it did not get: sign in, not permitted, or the error. */
function refusal(answer, what) {
    if (answer.status === 401) {
        return h('p', {class: 'message error', role: 'alert'}, 'Sign in to see ' + what + '. ',
            h('a', {href: route('sign-in', [], {then: location.hash})}, 'Sign in'));
    }
    if (answer.status === 403) {
        return message('You may not see ' + what + '. ' + problemText(answer), 'error');
    }
    return message('Could not load ' + what + ': ' + problemText(answer), 'error');
}

// ---- pages -----------------------------------------------------------------------------------------

const pages = {repositories, repository, tag, audit, projections, 'sign-in': signIn, 'sign-out': signOut};

async function repositories(segments, parameters) {
    const search = parameters.get('q') || '';
    const cursor = parameters.get('cursor') || '';
    const previous = parameters.getAll('back');
    const searchForm = h('form', {class: 'bar', role: 'search', onsubmit: event => {
        event.preventDefault();
        location.hash = route('repositories', [], {q: event.target.elements.q.value.trim()});
    }}, h('label', {}, 'Name contains', h('input', {name: 'q', type: 'search', value: search, autocomplete: 'off'})),
        h('button', {type: 'submit'}, 'Search'));
    show('Repositories', searchForm, createForm(), h('p', {}, 'Loading…'));
    const answer = await api('/repositories' + query({nameContains: search, limit: PAGE, cursor}));
    if (!answer.ok) {
        replaceLoading(refusal(answer, 'repositories'));
        return;
    }
    const rows = answer.json.items.map(repo => h('tr', {'data-repository': repo.name},
        h('td', {}, repositoryLink(repo.name)),
        h('td', {}, repo.imageTagMutability),
        h('td', {}, (repo.exclusionFilters || []).join(', ') || '—'),
        h('td', {}, repo.tagProtection || 'NONE'),
        h('td', {}, String(repo.imageCount))));
    const pager = h('div', {class: 'pager'},
        cursor ? h('a', {href: route('repositories', [], {q: search, cursor: previous.at(-1) || '',
            back: previous.slice(0, -1)})}, '← Previous page') : null,
        answer.json.nextCursor ? h('a', {href: routeWithBack(search, answer.json.nextCursor, [...previous, cursor])},
            'Next page →') : null);
    replaceLoading(rows.length
        ? table(['Repository', 'Tag mutability', 'Exclusion filters', 'Protection', 'Images'], rows, 'Repositories')
        : message(search ? 'No repository you may see has a name containing “' + search + '”.' : 'No repository you may see.'));
    main.append(pager);
    announce(rows.length + ' repositories shown');
}

function routeWithBack(search, cursor, back) {
    const parameters = new URLSearchParams();
    if (search) parameters.set('q', search);
    parameters.set('cursor', cursor);
    back.forEach(value => parameters.append('back', value));
    return '#/repositories?' + parameters;
}

function mutabilityFields(current) {
    return [
        h('label', {}, 'Tag mutability', h('select', {name: 'mode'},
            MUTABILITIES.map(mode => h('option', {value: mode, selected: mode === (current.mode || 'MUTABLE')}, mode)))),
        h('label', {}, 'Exclusion filters (comma-separated wildcards)',
            h('input', {name: 'filters', value: (current.filters || []).join(', '), autocomplete: 'off'})),
        h('label', {}, 'Tag protection', h('select', {name: 'protection'},
            ['NONE', 'STRICT', 'SEALED'].map(value => h('option', {value, selected: value === (current.protection || 'NONE')}, value))))];
}

function filtersOf(text) {
    return text.split(',').map(part => part.trim()).filter(part => part);
}

function createForm() {
    const outcome = h('div', {'aria-live': 'polite'});
    const form = h('form', {class: 'stack', onsubmit: async event => {
        event.preventDefault();
        const fields = event.target.elements;
        const name = fields.name.value.trim();
        const answer = await api('/repositories', {method: 'POST', body: {name, imageTagMutability: fields.mode.value,
            exclusionFilters: filtersOf(fields.filters.value), tagProtection: fields.protection.value}});
        if (answer.ok) {
            location.hash = route('repository', [answer.json.name]);
        } else {
            outcome.replaceChildren(refusal(answer, 'that repository created'));
        }
    }}, h('label', {}, 'Name', h('input', {name: 'name', required: true, autocomplete: 'off', placeholder: 'team/app'})),
        mutabilityFields({}), h('div', {}, h('button', {type: 'submit'}, 'Create repository')), outcome);
    return h('details', {}, h('summary', {}, 'Create a repository'), form);
}

async function repository(segments, parameters) {
    const name = segments[0];
    const asOf = parameters.get('asOf') || '';
    const base = repositoryPath(name);
    const picker = h('form', {class: 'bar', onsubmit: event => {
        event.preventDefault();
        location.hash = route('repository', [name], {asOf: instantOf(event.target.elements.asOf.value)});
    }}, h('label', {}, 'As of (UTC)', h('input', {name: 'asOf', type: 'datetime-local', step: '1', value: localValueOf(asOf)})),
        h('button', {type: 'submit'}, 'Show'),
        asOf ? h('a', {href: route('repository', [name])}, 'Back to now') : null);
    const heading = show(name, h('p', {class: 'breadcrumb'}, h('a', {href: route('repositories')}, 'Repositories'), ' / ', name),
        picker, asOf ? message('As it was at ' + asOf.replace('T', ' ').replace('Z', ' UTC') + '.') : null,
        h('p', {}, 'Loading…'));
    const answer = await api(base + query({asOf}));
    if (!answer.ok) {
        replaceLoading(refusal(answer, 'this repository'));
        return;
    }
    const repo = answer.json;
    heading.textContent = name;
    const chain = h('dd', {id: 'chain'}, 'verifying…');
    replaceLoading(h('dl', {class: 'facts'},
        h('dt', {}, 'Tag mutability'), h('dd', {}, repo.imageTagMutability),
        h('dt', {}, 'Exclusion filters'), h('dd', {}, (repo.exclusionFilters || []).join(', ') || '—'),
        h('dt', {}, 'Tag protection'), h('dd', {}, repo.tagProtection || 'NONE'),
        h('dt', {}, 'Created'), h('dd', {}, when(repo.createdAt)),
        h('dt', {}, 'Images'), h('dd', {}, String(repo.imageCount)),
        h('dt', {}, 'Hash chain'), chain,
        h('dt', {}, 'Audit trail'), h('dd', {}, h('a', {href: route('audit', [], {repository: name})}, 'This repository’s events'))));
    if (!asOf) {
        main.append(changeMutability(name, repo));
    }
    const tags = h('section', {'aria-labelledby': 'tags-heading'}, h('h2', {id: 'tags-heading'}, 'Tags'));
    const images = h('section', {'aria-labelledby': 'images-heading'}, h('h2', {id: 'images-heading'}, 'Images'));
    const history = h('section', {id: 'mutability', 'aria-labelledby': 'mutability-heading'},
        h('h2', {id: 'mutability-heading'}, 'Tag mutability over time'));
    const lifecycle = h('section', {id: 'lifecycle', 'aria-labelledby': 'lifecycle-heading'},
        h('h2', {id: 'lifecycle-heading'}, 'Lifecycle policy'));
    const trust = h('section', {id: 'trust', 'aria-labelledby': 'trust-heading'},
        h('h2', {id: 'trust-heading'}, 'Trust policy'));
    main.append(tags, images, ...(asOf ? [] : [lifecycle, trust]), history);
    await Promise.all([
        listInto(tags, base + '/-/tags', {asOf}, 'tags', ['Tag', 'Digest', 'Pushed', 'Mutability'], item => h('tr', {'data-tag': item.tag},
            h('td', {}, h('a', {href: route('tag', [name, item.tag])}, item.tag)),
            h('td', {}, digest(item.digest)), h('td', {}, when(item.pushedAt)),
            h('td', {}, h('span', {class: 'badge ' + (item.immutable ? 'immutable' : 'mutable')},
                item.immutable ? (item.protected ? 'immutable, protected' : 'immutable') : 'mutable')))),
        listInto(images, base + '/-/images', {asOf}, 'images', ['Digest', 'Tags', 'Size', 'Pushed'], item => h('tr', {},
            h('td', {}, digest(item.digest)),
            h('td', {}, item.tags.length ? item.tags.map((tagName, index) => [index ? ', ' : '',
                h('a', {href: route('tag', [name, tagName])}, tagName)]) : 'untagged'),
            h('td', {}, item.sizeBytes + ' bytes'), h('td', {}, when(item.pushedAt)))),
        mutabilityHistory(history, name),
        asOf ? null : lifecyclePolicy(lifecycle, name, base),
        asOf ? null : trustPolicy(trust, name, base),
        verifyChain(chain, name, base)]);
}

/** The repository's lifecycle policy, rule by rule, as it is now. */
async function lifecyclePolicy(section, name, base) {
    const answer = await api(base + '/-/lifecycle-policy');
    if (!answer.ok) {
        section.append(answer.json && answer.json.code === 'LifecyclePolicyNotFoundException'
            ? h('p', {}, 'No lifecycle policy: no image expires.') : refusal(answer, 'the lifecycle policy'));
        return;
    }
    const rules = JSON.parse(answer.json.lifecyclePolicyText).rules.slice().sort((a, b) => a.rulePriority - b.rulePriority);
    const selection = rule => {
        const s = rule.selection;
        const tags = s.tagPrefixList ? ' with the prefixes ' + s.tagPrefixList.join(', ')
            : s.tagPatternList ? ' matching ' + s.tagPatternList.join(', ') : '';
        const keeps = s.countType === 'imageCountMoreThan' ? 'the ' + s.countNumber + ' newest' : 'those pushed in the last ' + s.countNumber + ' ' + s.countUnit;
        return s.tagStatus + ' images' + tags + ': keeps ' + keeps;
    };
    section.append(h('p', {}, 'Set ', when(answer.json.setAt), '. Applied on a schedule; ',
        h('a', {href: route('audit', [], {repository: name, type: 'ImageExpired'})}, 'what it expired'), '.'),
    table(['Priority', 'Description', 'Selects', 'Action'], rules.map(rule => h('tr', {'data-rule': String(rule.rulePriority)},
        h('td', {}, String(rule.rulePriority)), h('td', {}, rule.description || '—'), h('td', {}, selection(rule)),
        h('td', {}, rule.action.type))), 'The rules, in the order they apply'));
}

/** The repository's trust policy: which tags move only onto images a trusted key signed, and how many keys it trusts. */
async function trustPolicy(section, name, base) {
    const answer = await api(base + '/-/trust-policy');
    if (!answer.ok) {
        section.append(refusal(answer, 'the trust policy'));
        return;
    }
    const policy = answer.json;
    if (policy.mode === 'OFF') {
        section.append(h('p', {}, 'No trust policy: tags move onto any image.'));
        return;
    }
    section.append(h('p', {'data-mode': policy.mode}, policy.mode === 'ENFORCE'
        ? 'The tags ' + policy.tags.join(', ') + ' move only onto images signed by a trusted key: '
        : 'Moves of the tags ' + policy.tags.join(', ') + ' have their signatures checked and recorded, and are never refused: ',
    count(policy.cosignKeys.length, 'cosign key'), ', ', count(policy.notationCertificates.length, 'Notation certificate'), '. ',
    h('a', {href: route('audit', [], {repository: name, type: 'TagSignatureChecked'})}, 'The verdicts'), '.'));
}

/**
 * A listing with a button that adds the next page, so that a long one is read a page at a time: the
 * repository's tags and images, and the audit trail. {@code empty} is what an empty listing says.
 */
async function listInto(section, path, parameters, what, headings, row, empty) {
    const body = h('tbody', {});
    const more = h('button', {type: 'button', class: 'secondary'}, 'Show more ' + what);
    const load = async cursor => {
        const answer = await api(path + query({...parameters, limit: PAGE, cursor}));
        if (!answer.ok) {
            section.append(refusal(answer, what));
            more.remove();
            return;
        }
        body.append(...answer.json.items.map(row));
        if (!answer.json.items.length && !cursor) {
            section.append(message(empty || 'None.'));
        }
        if (answer.json.nextCursor) {
            more.onclick = () => load(answer.json.nextCursor);
            if (!more.isConnected) section.append(more);
        } else {
            more.remove();
        }
        announce(body.children.length + ' ' + what + ' shown');
    };
    section.append(h('div', {class: 'table-wrap'}, h('table', {},
        h('thead', {}, h('tr', {}, headings.map(heading => h('th', {scope: 'col'}, heading)))), body)));
    await load('');
}

async function mutabilityHistory(section, name) {
    const entries = [];
    for (const type of ['RepositoryCreated', 'TagMutabilitySet']) {
        let cursor = '';
        do {
            const answer = await api('/audit' + query({repository: name, type, order: 'oldest', limit: 1000, cursor}));
            if (!answer.ok) {
                section.append(refusal(answer, 'the mutability history'));
                return;
            }
            entries.push(...answer.json.items);
            cursor = answer.json.nextCursor || '';
        } while (cursor);
    }
    entries.sort((a, b) => a.position - b.position);
    section.append(entries.length ? table(['When', 'Change', 'Tag mutability', 'Exclusion filters', 'Protection', 'By'],
        entries.map(entry => h('tr', {},
            h('td', {}, when(entry.timestamp)), h('td', {}, entry.type === 'RepositoryCreated' ? 'created' : 'changed'),
            h('td', {}, entry.payload.imageTagMutability), h('td', {}, (entry.payload.exclusionFilters || []).join(', ') || '—'),
            h('td', {}, entry.payload.tagProtection || 'NONE'), h('td', {}, entry.principal)))) : message('No change recorded.'));
}

async function verifyChain(target, name, base) {
    const answer = await api(base + '/-/audit/verify');
    if (!answer.ok) {
        target.replaceChildren(answer.status === 403 ? 'not shown: you may not verify this chain' : problemText(answer));
        return;
    }
    const result = answer.json;
    if (result.verified) {
        target.replaceChildren(h('span', {class: 'badge ok'}, 'verified'), ' ' + result.events + ' events');
        return;
    }
    target.replaceChildren(h('span', {class: 'badge broken'}, 'broken'), ' at event ' + result.brokenAt + ' of ' + result.events);
    const broken = await api(base + '/-/events' + query({after: result.brokenAt - 1, limit: 1}));
    if (broken.ok && broken.json.items.length) {
        const event = broken.json.items[0];
        target.append(': ', event.type, ' at ', when(event.timestamp), event.metadata && event.metadata.principal
            ? ' by ' + event.metadata.principal : '');
    }
}

function changeMutability(name, repo) {
    const outcome = h('div', {'aria-live': 'polite'});
    const form = h('form', {class: 'stack', onsubmit: async event => {
        event.preventDefault();
        const fields = event.target.elements;
        const answer = await api(repositoryPath(name) + '/-/tag-mutability', {method: 'PUT', body: {
            imageTagMutability: fields.mode.value, exclusionFilters: filtersOf(fields.filters.value),
            tagProtection: fields.protection.value}});
        if (answer.ok) {
            render();
        } else {
            outcome.replaceChildren(refusal(answer, 'the tag mutability changed'));
        }
    }}, mutabilityFields({mode: repo.imageTagMutability, filters: repo.exclusionFilters, protection: repo.tagProtection}),
        h('div', {}, h('button', {type: 'submit'}, 'Change')), outcome);
    return h('details', {}, h('summary', {}, 'Change tag mutability'), form);
}

async function tag(segments) {
    const [name, tagName] = segments;
    const base = repositoryPath(name);
    show(tagName + ' in ' + name, h('p', {class: 'breadcrumb'}, h('a', {href: route('repositories')}, 'Repositories'), ' / ',
        repositoryLink(name), ' / ', tagName), h('p', {}, 'Loading…'));
    const [history, refused, releases, expiries, verdicts] = await Promise.all([
        api(base + '/-/tags/' + encodeURIComponent(tagName) + '/history'),
        entriesOf(name, tagName, 'CommandRefused', 'Refused attempts'), entriesOf(name, tagName, 'TagReleased', 'Releases'),
        entriesOf(name, tagName, 'ImageExpired', 'Expiries'), entriesOf(name, tagName, 'TagSignatureChecked', 'Signature verdicts')]);
    if (!history.ok) {
        replaceLoading(refusal(history, 'this tag’s history'));
        return;
    }
    const periods = history.json.periods;
    const items = [
        ...periods.map(period => ({at: period.from, element: periodItem(name, period)})),
        ...refused.items.map(entry => ({at: entry.timestamp, element: refusalItem(entry)})),
        ...releases.items.map(entry => ({at: entry.timestamp, element: releaseItem(entry)})),
        ...expiries.items.map(entry => ({at: entry.timestamp, element: expiryItem(entry)})),
        ...verdicts.items.map(entry => ({at: entry.timestamp, element: verdictItem(entry)}))];
    items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    const current = periods.find(period => !period.to);
    replaceLoading(h('p', {}, current
        ? ['Points to ', digest(current.digest), ' since ', when(current.from), ', moved there by ', current.movedBy, '.']
        : periods.length ? 'Points to nothing now.' : 'This tag never pointed to an image.'),
    h('p', {}, count(periods.length, 'period') + ', ' + count(refused.items.length, 'refused attempt') + ', newest first.'),
    refused.note ? message(refused.note) : null,
    releases.note ? message(releases.note) : null,
    expiries.note ? message(expiries.note) : null,
    verdicts.note ? message(verdicts.note) : null,
    h('ol', {class: 'timeline', 'aria-label': 'Timeline of ' + tagName}, items.map(item => item.element)));
    announce(periods.length + ' periods and ' + refused.items.length + ' refusals');
}

function periodItem(name, period) {
    const ended = period.to
        ? [', until ', when(period.to), ' (', period.endedHow || 'ended', period.endedBy ? ' by ' + period.endedBy : '', ')']
        : [', until now'];
    return h('li', {class: 'period' + (period.to ? '' : ' current'), 'data-kind': 'period', 'data-digest': period.digest,
        'data-moved-by': period.movedBy, 'data-ended-how': period.endedHow || ''},
    h('div', {class: 'when'}, 'From ', when(period.from), ...ended),
    h('div', {class: 'what'}, 'Pointed to ', digest(period.digest), ', moved here by ', h('strong', {}, period.movedBy)),
    h('a', {href: route('repository', [name], {asOf: period.from})}, 'The repository at that moment'));
}

function refusalItem(entry) {
    return h('li', {class: 'refusal', 'data-kind': 'refusal', 'data-code': entry.errorCode, 'data-principal': entry.principal},
        h('div', {class: 'when'}, when(entry.timestamp)),
        h('div', {class: 'what'}, h('span', {class: 'badge refused'}, 'refused'), ' ', h('strong', {}, entry.principal),
            entry.claimedBy ? ' (claimed ' + entry.claimedBy + ')' : '',
            entry.payload.digest ? [' tried to point it to ', digest(entry.payload.digest)] : ' tried to change it',
            ' through ', entry.api || 'an API', ': ', entry.errorCode),
        entry.payload.message ? h('div', {class: 'when'}, entry.payload.message) : null);
}

/** A release of the tag: who broke the glass, why, and until when its next change was allowed. */
function releaseItem(entry) {
    return h('li', {class: 'release', 'data-kind': 'release', 'data-principal': entry.principal},
        h('div', {class: 'when'}, when(entry.timestamp), typeof entry.payload.validUntil === 'string'
            ? [', for a change until ', when(entry.payload.validUntil)] : null),
        h('div', {class: 'what'}, h('span', {class: 'badge released'}, 'released'), ' by ', h('strong', {}, entry.principal),
            ': ', entry.payload.reason));
}

/** An image of the tag expired by the repository's lifecycle policy: which rule, and why. */
function expiryItem(entry) {
    const rule = 'rule ' + entry.payload.rulePriority + (entry.payload.ruleDescription ? ' (' + entry.payload.ruleDescription + ')' : '');
    return h('li', {class: 'expiry', 'data-kind': 'expiry', 'data-rule': String(entry.payload.rulePriority),
        'data-principal': entry.principal},
    h('div', {class: 'when'}, when(entry.timestamp)),
    h('div', {class: 'what'}, h('span', {class: 'badge expired'}, 'expired'), ' ', digest(entry.payload.imageDigest),
        ' by the lifecycle policy’s ', h('strong', {}, rule), ': ', entry.payload.reason));
}

/**
 * The trust policy's verdict on a move of the tag: the key and the signature that verified, or, in AUDIT
 * mode, why none did. A move refused in ENFORCE mode is a refusal, whose message says why.
 */
function verdictItem(entry) {
    const verdict = entry.payload;
    return h('li', {class: 'verdict', 'data-kind': 'verdict', 'data-verified': String(verdict.verified), 'data-principal': entry.principal},
        h('div', {class: 'when'}, when(entry.timestamp)),
        h('div', {class: 'what'}, h('span', {class: 'badge ' + (verdict.verified ? 'ok' : 'refused')}, verdict.verified ? 'signed' : 'unsigned'),
            ' ', digest(verdict.imageDigest), verdict.verified
                ? [' is signed by ', h('strong', {}, verdict.signer), ' in ', verdict.signature]
                : [' was let through by the ', verdict.mode, ' trust policy: ', verdict.reason]));
}

/** The repository's audit entries of one type about this tag (or, for an image's, about one of its tags), newest first. */
async function entriesOf(name, tagName, type, what) {
    const items = [];
    let cursor = '';
    let read = 0;
    while (read < REFUSAL_SCAN) {
        const answer = await api('/audit' + query({repository: name, type, limit: 1000, cursor}));
        if (!answer.ok) {
            return {items, note: what + ' are not shown: ' + problemText(answer)};
        }
        items.push(...answer.json.items.filter(entry => entry.payload
            && (entry.payload.tag === tagName || (entry.payload.tags || []).includes(tagName))));
        read += answer.json.items.length;
        if (!answer.json.nextCursor) {
            return {items};
        }
        cursor = answer.json.nextCursor;
    }
    return {items, note: what + ' are shown among the repository’s latest ' + REFUSAL_SCAN + ' of them only.'};
}

async function audit(segments, parameters) {
    const filter = {};
    for (const name of ['repository', 'principal', 'type', 'outcome', 'from', 'to', 'order']) {
        filter[name] = parameters.get(name) || '';
    }
    const form = h('form', {class: 'bar', 'aria-label': 'Filter the audit trail', onsubmit: event => {
        event.preventDefault();
        const fields = event.target.elements;
        location.hash = route('audit', [], {repository: fields.repository.value.trim(), principal: fields.principal.value.trim(),
            type: fields.type.value, outcome: fields.outcome.value, from: instantOf(fields.from.value),
            to: instantOf(fields.to.value), order: fields.order.value});
    }},
    h('label', {}, 'Repository', h('input', {name: 'repository', value: filter.repository, autocomplete: 'off'})),
    h('label', {}, 'Principal', h('input', {name: 'principal', value: filter.principal, autocomplete: 'off'})),
    h('label', {}, 'Type', h('select', {name: 'type'}, h('option', {value: ''}, 'any'),
        AUDIT_TYPES.map(type => h('option', {value: type, selected: type === filter.type}, type)))),
    h('label', {}, 'Outcome', h('select', {name: 'outcome'}, h('option', {value: ''}, 'any'),
        ['accepted', 'refused'].map(outcome => h('option', {value: outcome, selected: outcome === filter.outcome}, outcome)))),
    h('label', {}, 'From (UTC)', h('input', {name: 'from', type: 'datetime-local', step: '1', value: localValueOf(filter.from)})),
    h('label', {}, 'To (UTC)', h('input', {name: 'to', type: 'datetime-local', step: '1', value: localValueOf(filter.to)})),
    h('label', {}, 'Order', h('select', {name: 'order'},
        ['newest', 'oldest'].map(order => h('option', {value: order, selected: order === (filter.order || 'newest')}, order)))),
    h('button', {type: 'submit'}, 'Apply'),
    h('button', {type: 'button', class: 'secondary', onclick: () => exportTrail(filter)}, 'Export as NDJSON'));
    const trail = h('section', {id: 'audit', 'aria-label': 'Entries'});
    show('Audit trail', form, trail);
    await listInto(trail, '/audit', filter, 'entries', ['When', 'Repository', 'Event', 'Outcome', 'Principal', 'API', 'Tag',
        'Digest', 'Source'], entry => h('tr', {'data-principal': entry.principal, 'data-outcome': entry.outcome, 'data-type': entry.type},
        h('td', {}, when(entry.timestamp)), h('td', {}, repositoryLink(entry.repository)), h('td', {}, entry.type),
        h('td', {}, entry.outcome === 'refused' ? [h('span', {class: 'badge refused'}, 'refused'), ' ', entry.errorCode || '']
            : 'accepted'),
        h('td', {}, entry.principal, entry.claimedBy ? ' (claimed ' + entry.claimedBy + ')' : ''), h('td', {}, entry.api || ''),
        h('td', {}, entry.payload && entry.payload.tag
            ? h('a', {href: route('tag', [entry.repository, entry.payload.tag])}, entry.payload.tag) : ''),
        h('td', {}, digest(entry.payload && (entry.payload.imageDigest || entry.payload.digest))),
        h('td', {}, entry.sourceAddress || '')), 'No entry matches this filter.');
}

/** Downloads every entry that matches the filter, one JSON object per line, as the API streams it. */
async function exportTrail(filter) {
    const answer = await api('/audit' + query(filter), {accept: 'application/x-ndjson', raw: true});
    if (!answer.ok) {
        main.append(refusal(answer, 'the audit trail'));
        return;
    }
    const link = h('a', {href: URL.createObjectURL(await answer.response.blob()), download: 'tagledger-audit.ndjson'});
    document.body.append(link);
    link.click();
    link.remove();
    announce('Export downloaded');
}

/** A projection's figures as the table shows them, in its column order after the name. */
function projectionCells(status) {
    return [status.state, String(status.position), String(status.head), status.progressPercent.toFixed(1) + ' %',
        status.eventsPerSecond === undefined ? '' : status.eventsPerSecond.toFixed(1),
        status.failure ? JSON.stringify(status.failure) : ''];
}

async function projections() {
    show('Projections', h('p', {}, 'Loading…'));
    const rows = new Map();
    const first = await api('/admin/projections');
    if (!first.ok) {
        replaceLoading(refusal(first, 'the projections'));
        return;
    }
    replaceLoading(table(['Projection', 'State', 'Position', 'Head', 'Progress', 'Events/s', 'Failure', ''],
        first.json.map(status => {
            const cells = projectionCells(status).map(text => h('td', {}, text));
            rows.set(status.name, cells);
            return h('tr', {'data-projection': status.name}, h('td', {}, status.name), cells,
                h('td', {}, h('button', {type: 'button', class: 'secondary', onclick: () => replay(status.name)},
                    'Replay ' + status.name)));
        }), 'Projections'));
    // Every 2 s the figures change in place, so that the focus stays on the button a keyboard user is on.
    const timer = setInterval(async () => {
        const answer = await api('/admin/projections');
        if (answer.ok) {
            answer.json.forEach(status => (rows.get(status.name) || [])
                .forEach((cell, index) => { cell.textContent = projectionCells(status)[index]; }));
        }
    }, 2000);
    leaving.push(() => clearInterval(timer));
}

async function replay(name) {
    if (!confirm('Rebuild ' + name + ' from the event store? Its queries answer 503 until it has caught up.')) {
        return;
    }
    const answer = await api('/admin/projections/' + encodeURIComponent(name) + '/replay', {method: 'POST'});
    if (!answer.ok) {
        main.append(refusal(answer, 'a replay started'));
    } else {
        announce(name + ' is being rebuilt');
    }
}

function signIn(segments, parameters) {
    const then = parameters.get('then') || route('repositories');
    const outcome = h('div', {'aria-live': 'polite'});
    const byKey = h('fieldset', {}, h('legend', {}, 'Access key'),
        h('label', {}, 'Access key id', h('input', {name: 'keyId', autocomplete: 'username'})),
        h('label', {}, 'Secret access key', h('input', {name: 'secret', type: 'password', autocomplete: 'current-password'})));
    const byToken = h('fieldset', {}, h('legend', {}, 'Or an API token'),
        h('label', {}, 'API token (tlk_…) or JWT', h('input', {name: 'token', type: 'password', autocomplete: 'off'})));
    show('Sign in', h('p', {}, 'Sign in with the identity you use on the API. The console keeps it in this tab only, '
        + 'and shows what that identity may read.'),
    h('form', {class: 'stack', onsubmit: async event => {
        event.preventDefault();
        const fields = event.target.elements;
        const given = fields.token.value.trim() ? {token: fields.token.value.trim()}
            : {keyId: fields.keyId.value.trim(), secret: fields.secret.value};
        sessionStorage.setItem(CREDENTIALS, JSON.stringify(given));
        const answer = await api('/repositories' + query({limit: 1}));
        if (answer.status === 401) {
            sessionStorage.removeItem(CREDENTIALS);
            outcome.replaceChildren(message('Not signed in: ' + problemText(answer), 'error'));
            return;
        }
        location.hash = then;
    }}, byKey, byToken, h('div', {}, h('button', {type: 'submit'}, 'Sign in')), outcome));
}

function signOut() {
    sessionStorage.removeItem(CREDENTIALS);
    location.hash = route('sign-in');
}

// ---- routing ---------------------------------------------------------------------------------------

function render() {
    generation++;
    leaving.forEach(stop => stop());
    leaving = [];
    const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : 'repositories';
    const [path, search] = hash.split('?');
    const [page, ...segments] = path.split('/').map(segment => decodeURIComponent(segment));
    const given = credentials();
    const identity = document.getElementById('identity');
    identity.textContent = given ? 'Sign out (' + (given.token ? 'API token' : given.keyId) + ')' : 'Sign in';
    identity.setAttribute('href', given ? route('sign-out') : route('sign-in'));
    document.querySelectorAll('header nav a').forEach(link => {
        const current = link.getAttribute('href').slice(2).split('?')[0] === page
            || (page === 'repository' || page === 'tag') && link.getAttribute('href') === '#/repositories';
        if (current) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    });
    const draw = pages[page] || repositories;
    Promise.resolve(draw(segments, new URLSearchParams(search || ''))).catch(error => {
        main.append(message('The console failed: ' + error, 'error'));
    });
}

window.addEventListener('hashchange', () => {
    moved = true;
    render();
});
// The skip link moves the focus, not the route.
document.getElementById('skip').addEventListener('click', event => {
    event.preventDefault();
    main.focus();
});
render();
