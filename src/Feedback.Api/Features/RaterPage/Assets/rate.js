// The rater page: loads the assignment of the token in the URL fragment (#token=fbr_…, never sent to the server),
// shows one form per dimension and sends each as its own sheet. Sheets are write-only: the page never shows a
// submitted answer, only the rater's own unsent draft, kept in sessionStorage (this tab only).
(() => {
  'use strict';

  const DIMENSIONS = [
    { key: 'leadership', title: 'Leadership', button: 'Submit leadership sheet' },
    { key: 'management', title: 'Management', button: 'Submit management sheet' },
  ];
  const RELATIONSHIP = {
    manager: 'as their manager',
    peer: 'as a peer',
    directReport: 'as someone who reports to them',
    other: 'as a colleague',
  };
  const NOT_OBSERVED = 'not-observed';

  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  const byId = (id) => document.getElementById(id);
  const notice = byId('notice');

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([name, value]) => {
      if (value === undefined || value === null || value === false) return;
      if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : value);
    });
    children.forEach((c) => node.append(c));
    return node;
  }

  function say(message, isProblem) {
    notice.replaceChildren(el('p', { class: isProblem ? 'problem' : null, text: message }));
  }

  async function call(method, path, body) {
    const response = await fetch(path, {
      method,
      cache: 'no-store',
      credentials: 'omit',
      headers: Object.assign(
        { Authorization: 'Bearer ' + token, Accept: 'application/json' },
        body === undefined ? {} : { 'Content-Type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try { data = await response.json(); } catch (_) { /* no JSON body */ }
    return { status: response.status, data };
  }

  function linkProblem(status) {
    if (status === 401 || status === 404) {
      return 'This link no longer works: it may have been replaced by a newer one. Ask the person who sent it for a new link.';
    }
    if (status === 429) return 'Too many requests just now. Wait a minute, then reload the page.';
    return 'The feedback service could not be reached. Reload the page to try again.';
  }

  function when(iso) {
    return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }

  function stateText(sheet) {
    return sheet
      ? `Submitted (revision ${sheet.revision}) on ${when(sheet.submittedAt)}.`
      : 'Not submitted yet.';
  }

  // --- drafts: the rater's unsent answers, this tab only ---------------------------------------------------------
  const draftKey = (assignment, dimension) => `feedback-draft:${assignment.assignmentId}:${dimension}`;

  function readDraft(assignment, dimension) {
    try { return JSON.parse(sessionStorage.getItem(draftKey(assignment, dimension))) || null; } catch (_) { return null; }
  }

  function saveDraft(assignment, dimension, form) {
    const draft = { scores: {}, comment: form.querySelector('textarea').value };
    form.querySelectorAll('input[type=radio]:checked').forEach((r) => { draft.scores[r.dataset.behavior] = r.value; });
    try { sessionStorage.setItem(draftKey(assignment, dimension), JSON.stringify(draft)); } catch (_) { /* storage full or off */ }
  }

  function dropDraft(assignment, dimension) {
    try { sessionStorage.removeItem(draftKey(assignment, dimension)); } catch (_) { /* ignore */ }
  }

  // --- rendering -------------------------------------------------------------------------------------------------
  function behaviorFieldset(assignment, dimension, behavior, index, draft) {
    const id = `${dimension}-${index}`;
    const choices = el('div', { class: 'choices' });
    const values = [];
    for (let v = assignment.scaleMin; v <= assignment.scaleMax; v++) values.push(String(v));
    values.push(NOT_OBSERVED);
    values.forEach((value) => {
      const input = el('input', {
        type: 'radio', name: id, value, id: `${id}-${value}`,
        checked: draft && draft.scores && draft.scores[behavior.key] === value,
      });
      input.dataset.behavior = behavior.key;
      choices.append(el('label', { class: 'choice', for: `${id}-${value}` }, input,
        el('span', { text: value === NOT_OBSERVED ? 'Not observed' : value })));
    });
    const fieldset = el('fieldset', { class: 'behavior', id, 'aria-describedby': `${id}-description` },
      el('legend', { text: behavior.name }),
      el('p', { class: 'description', id: `${id}-description`, text: behavior.description }),
      choices,
      el('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
    fieldset.dataset.behavior = behavior.key;
    return fieldset;
  }

  function sheetSection(assignment, dimension, editable) {
    const section = byId('sheet-template').content.firstElementChild.cloneNode(true);
    const titleId = `${dimension.key}-title`;
    section.setAttribute('aria-labelledby', titleId);
    const title = section.querySelector('.sheet-title');
    title.id = titleId;
    title.textContent = `${dimension.title} (${assignment.behaviors[dimension.key].length} behaviors)`;
    const state = section.querySelector('.sheet-state');
    state.id = `${dimension.key}-state`;
    const sheet = assignment.sheets[dimension.key];
    state.textContent = stateText(sheet);
    state.classList.toggle('submitted', !!sheet);
    const form = section.querySelector('form');
    const behaviors = assignment.behaviors[dimension.key];

    if (!editable) {
      form.replaceWith(el('dl', { class: 'readonly-list' }, ...behaviors.flatMap((b) => [
        el('dt', { text: b.name }), el('dd', { text: b.description })])));
      return section;
    }

    const draft = readDraft(assignment, dimension.key);
    const list = form.querySelector('.behaviors');
    list.append(el('p', { class: 'hint', text:
      `Scale: ${assignment.scaleMin} = rarely seen, ${assignment.scaleMax} = consistently seen.` }));
    behaviors.forEach((b, i) => list.append(behaviorFieldset(assignment, dimension.key, b, i, draft)));

    const textarea = form.querySelector('textarea');
    const commentId = `${dimension.key}-comment`;
    textarea.id = commentId;
    textarea.value = (draft && draft.comment) || '';
    form.querySelector('.comment-label').setAttribute('for', commentId);
    form.querySelector('.comment-hint').id = `${commentId}-hint`;
    form.querySelector('.comment .field-error').id = `${commentId}-error`;
    textarea.setAttribute('aria-describedby', `${commentId}-hint`);

    const button = form.querySelector('button');
    button.textContent = dimension.button;
    form.setAttribute('aria-labelledby', titleId);
    form.addEventListener('input', () => saveDraft(assignment, dimension.key, form));
    form.addEventListener('change', () => saveDraft(assignment, dimension.key, form));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit(assignment, dimension, form, state);
    });
    return section;
  }

  function clearErrors(form) {
    form.querySelectorAll('.field-error').forEach((p) => { p.hidden = true; p.textContent = ''; });
    form.querySelectorAll('fieldset.invalid').forEach((f) => {
      f.classList.remove('invalid');
      f.setAttribute('aria-describedby', `${f.id}-description`);
      f.querySelectorAll('input').forEach((i) => i.removeAttribute('aria-invalid'));
    });
    const textarea = form.querySelector('textarea');
    textarea.removeAttribute('aria-invalid');
    textarea.setAttribute('aria-describedby', `${textarea.id}-hint`);
    const summary = form.querySelector('.form-problem');
    summary.hidden = true;
    summary.replaceChildren();
  }

  // Puts each message of a 400 next to what it names: scores.<key> → that behavior, comment → the comment.
  function showErrors(form, dimension, errors, fallback) {
    const summary = form.querySelector('.form-problem');
    const general = [];
    let first = null;
    let count = 0;
    Object.entries(errors || {}).forEach(([field, messages]) => {
      const text = [].concat(messages).join(' ');
      const fieldset = field.startsWith('scores.')
        ? [...form.querySelectorAll('fieldset.behavior')].find((f) => f.dataset.behavior === field.slice('scores.'.length))
        : null;
      if (fieldset) {
        const error = fieldset.querySelector('.field-error');
        // The API's words are for developers ("null"); an unanswered behavior is said in the rater's terms.
        error.textContent = fieldset.querySelector('input:checked')
          ? text
          : 'Choose a point of the scale, or "Not observed" if you have not seen this behavior.';
        error.hidden = false;
        fieldset.classList.add('invalid');
        fieldset.setAttribute('aria-describedby', `${fieldset.id}-description ${error.id}`);
        fieldset.querySelectorAll('input').forEach((i) => i.setAttribute('aria-invalid', 'true'));
        first = first || fieldset.querySelector('input:checked') || fieldset.querySelector('input');
        count++;
      } else if (field === 'comment') {
        const textarea = form.querySelector('textarea');
        const error = form.querySelector('.comment .field-error');
        error.textContent = text;
        error.hidden = false;
        textarea.setAttribute('aria-invalid', 'true');
        textarea.setAttribute('aria-describedby', `${textarea.id}-hint ${error.id}`);
        first = first || textarea;
        count++;
      } else {
        general.push(text);
      }
    });
    summary.replaceChildren(el('p', { text: count > 0
      ? `Your ${dimension.key} sheet was not sent: ${count === 1 ? '1 answer needs' : count + ' answers need'} attention (marked below).`
      : `Your ${dimension.key} sheet was not sent.` }));
    general.concat(fallback ? [fallback] : []).forEach((t) => summary.append(el('p', { text: t })));
    summary.hidden = false;
    (first || summary).focus();
  }

  async function submit(assignment, dimension, form, state) {
    const button = form.querySelector('button');
    if (button.getAttribute('aria-disabled') === 'true') return;
    clearErrors(form);
    const scores = {};
    form.querySelectorAll('input[type=radio]:checked').forEach((r) => {
      scores[r.dataset.behavior] = r.value === NOT_OBSERVED ? null : Number(r.value);
    });
    const comment = form.querySelector('textarea').value.trim();
    const body = comment ? { scores, comment } : { scores };
    // Unanswered behaviors are left out on purpose: the API owns the sheet rules and names each one it misses.
    button.setAttribute('aria-disabled', 'true');
    state.textContent = `Sending your ${dimension.key} sheet…`;
    state.classList.remove('submitted');
    let result;
    try {
      result = await call('PUT', `/v1/cycles/${assignment.cycleId}/assignments/${assignment.assignmentId}/${dimension.key}`, body);
    } catch (_) {
      result = { status: 0, data: null };
    } finally {
      button.removeAttribute('aria-disabled');
    }

    const sent = result.status === 200 && result.data;
    if (sent) {
      assignment.sheets[dimension.key] = { revision: result.data.revision, submittedAt: result.data.submittedAt };
      dropDraft(assignment, dimension.key);
      form.reset(); // the answers are gone from the page once sent: sheets are write-only
    }
    state.textContent = stateText(assignment.sheets[dimension.key]);
    state.classList.toggle('submitted', !!assignment.sheets[dimension.key]);
    if (sent) return;

    if (result.status === 400) {
      showErrors(form, dimension, result.data && result.data.errors, result.data && result.data.errors ? null : result.data && result.data.detail);
    } else if (result.status === 409) {
      dropDraft(assignment, 'leadership');
      dropDraft(assignment, 'management');
      load(); // the cycle closed meanwhile: show it read-only
    } else if (result.status === 0) {
      showErrors(form, dimension, null, 'The feedback service could not be reached. Your answers are kept in this tab; try again.');
    } else {
      showErrors(form, dimension, null, linkProblem(result.status));
    }
  }

  function render(assignment) {
    const self = assignment.relationship === 'self';
    const name = assignment.subject.displayName;
    const editable = assignment.cycleStatus === 'open';
    byId('heading').textContent = self ? 'Your self-assessment' : `Feedback for ${name}`;
    document.title = `${self ? 'Your self-assessment' : 'Feedback for ' + name} – ${assignment.cycleName}`;
    byId('whom').textContent = (self
      ? 'You rate yourself'
      : `You rate ${name} ${RELATIONSHIP[assignment.relationship] || ''}`.trim()) + `, in the cycle “${assignment.cycleName}”.`;
    byId('how').textContent = editable
      ? 'Send each sheet when it is complete; you may send a sheet again while the cycle is open, and the new one replaces it.'
      : assignment.cycleStatus === 'closed'
        ? 'This cycle is closed: sheets can no longer be sent. The behaviors it asked about are listed below.'
        : 'This cycle has not opened yet: sheets can be sent once it opens. The behaviors it will ask about are listed below.';
    byId('intro').hidden = false;
    byId('sheets').replaceChildren(...DIMENSIONS.map((d) => sheetSection(assignment, d, editable)));
    say(editable ? '' : (assignment.cycleStatus === 'closed' ? 'This cycle is closed.' : 'This cycle has not opened yet.'));
    if (!editable) notice.firstElementChild.className = 'problem';
  }

  async function load() {
    if (!token || !token.startsWith('fbr_')) {
      say('This page needs the link you were sent: it ends with #token=fbr_… . Open that link again, as it was.', true);
      return;
    }
    let result;
    try {
      result = await call('GET', '/v1/assignments/me');
    } catch (_) {
      result = { status: 0 };
    }
    if (result.status !== 200 || !result.data) {
      say(linkProblem(result.status), true);
      return;
    }
    render(result.data);
  }

  load();
})();
