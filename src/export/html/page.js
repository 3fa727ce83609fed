"use strict";
// The page's one script. Everything from the graph is data: it reaches the document through
// textContent and attributes this script sets, never through markup.
(function () {
  const data = JSON.parse(document.getElementById("eventkg-data").textContent);
  const $ = (id) => document.getElementById(id);
  const stage = $("stage"), panel = $("panel"), results = $("results"), search = $("search");

  // ---- indexes ------------------------------------------------------------------------------
  const entities = new Map(data.entities.map((e) => [e.id, e]));
  const events = new Map(data.events.map((e) => [e.id, e]));
  const documents = new Map(data.documents.map((d) => [d.id, d]));
  const facts = new Map(data.facts.map((f) => [f.id, f]));
  const links = new Map(data.links.map((l) => [l.id, l]));
  const factsOf = new Map(); // node id -> facts touching it
  for (const fact of data.facts) {
    for (const end of [fact.from, fact.to]) {
      if (!factsOf.has(end)) factsOf.set(end, []);
      factsOf.get(end).push(fact);
    }
  }
  const linksOf = new Map(); // actor id -> links
  for (const link of data.links) {
    for (const end of [link.from, link.to]) {
      if (!linksOf.has(end)) linksOf.set(end, []);
      linksOf.get(end).push(link);
    }
  }

  // Counts grouped by thousands, the same on every machine: 185,749.
  const count = (n) => Number(n).toLocaleString("en-US");
  const el = (tag, text, cls) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  };
  const nameOf = (id) => {
    const entity = entities.get(id);
    if (entity) return entity.name;
    const event = events.get(id);
    if (event) return eventTitle(event);
    return id;
  };
  const eventTitle = (event) =>
    event.kind.toUpperCase() + (event.date ? " " + event.date.text : "") +
    (event.description ? ": " + event.description : "");
  // Only web addresses become links: a javascript: or data: URL in a graph file stays text.
  const webUrl = (text) => {
    try {
      const url = new URL(text);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (_) {
      return null;
    }
  };

  // ---- the pictures ---------------------------------------------------------------------------
  // Graphviz's SVG, parsed as XML and cleaned of anything that could act: scripts, foreign
  // content, event handlers and link targets (a node opens its panel, not a page).
  const pictures = data.diagrams.map((diagram) => {
    const parsed = new DOMParser().parseFromString(diagram.svg, "image/svg+xml");
    const root = parsed.documentElement;
    if (root.nodeName !== "svg" || parsed.getElementsByTagName("parsererror").length) {
      return { diagram, svg: el("p", "This picture could not be read.") };
    }
    for (const bad of Array.from(root.querySelectorAll("script, foreignObject, iframe, embed, object, image"))) {
      bad.remove();
    }
    for (const node of Array.from(root.querySelectorAll("*"))) {
      for (const attribute of Array.from(node.attributes)) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith("on") || name === "href" || name === "xlink:href" || name === "style" ||
            name === "target") {
          node.removeAttribute(attribute.name);
        }
      }
    }
    root.removeAttribute("width");
    root.removeAttribute("height");
    const svg = document.importNode(root, true);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", diagram.label);
    const items = new Map(); // record id -> element
    for (const group of svg.querySelectorAll("g.node, g.edge")) {
      if (group.id && (entities.has(group.id) || events.has(group.id) || facts.has(group.id) ||
          links.has(group.id))) {
        items.set(group.id, group);
        if (group.classList.contains("node")) {
          group.setAttribute("tabindex", "0");
          group.setAttribute("role", "button");
          group.setAttribute("aria-label", nameOf(group.id));
        }
      }
    }
    const box = svg.viewBox.baseVal;
    return { diagram, svg, items, home: box ? [box.x, box.y, box.width, box.height] : null };
  });
  let current = null;

  const pictureChoice = $("pictures");
  pictures.forEach((picture, index) => {
    const label = el("label");
    const radio = el("input");
    radio.type = "radio";
    radio.name = "picture";
    radio.value = String(index);
    radio.addEventListener("change", () => show(index));
    label.append(radio, " " + picture.diagram.label);
    pictureChoice.append(label);
    picture.radio = radio;
  });
  if (pictures.length < 2) pictureChoice.hidden = true;

  function show(index) {
    if (current) current.svg.remove();
    current = pictures[index];
    current.radio.checked = true;
    stage.insertBefore(current.svg, $("note"));
    $("note").textContent = current.diagram.note || "";
    fit();
    apply();
  }

  // ---- pan and zoom ------------------------------------------------------------------------
  let view = null;
  function setView(next) {
    view = next;
    current.svg.setAttribute("viewBox", view.join(" "));
  }
  function fit() {
    if (current && current.home) setView(current.home.slice());
  }
  function zoom(factor, cx, cy) {
    if (!view) return;
    const [x, y, w, h] = view;
    const px = cx === undefined ? x + w / 2 : cx, py = cy === undefined ? y + h / 2 : cy;
    setView([px - (px - x) * factor, py - (py - y) * factor, w * factor, h * factor]);
  }
  // Brings a selected element into view, centred, if it is outside it.
  function reveal(element) {
    if (!view || element.classList.contains("hidden")) return;
    const box = element.getBoundingClientRect(), frame = current.svg.getBoundingClientRect();
    const clientX = box.left + box.width / 2, clientY = box.top + box.height / 2;
    if (clientX >= frame.left && clientX <= frame.right && clientY >= frame.top && clientY <= frame.bottom) return;
    const [px, py] = toPicture({ clientX, clientY });
    setView([px - view[2] / 2, py - view[3] / 2, view[2], view[3]]);
  }
  function pan(dx, dy) {
    if (!view) return;
    setView([view[0] + dx * view[2], view[1] + dy * view[3], view[2], view[3]]);
  }
  function toPicture(event) {
    const rect = current.svg.getBoundingClientRect();
    const [x, y, w, h] = view;
    const scale = Math.max(w / rect.width, h / rect.height);
    const offsetX = (rect.width * scale - w) / 2, offsetY = (rect.height * scale - h) / 2;
    return [x - offsetX + (event.clientX - rect.left) * scale, y - offsetY + (event.clientY - rect.top) * scale, scale];
  }
  stage.addEventListener("wheel", (event) => {
    if (!current) return;
    event.preventDefault();
    const [px, py] = toPicture(event);
    zoom(event.deltaY > 0 ? 1.15 : 1 / 1.15, px, py);
  }, { passive: false });
  let drag = null;
  stage.addEventListener("pointerdown", (event) => {
    if (!current || event.button !== 0 || event.target.closest("button")) return;
    drag = { x: event.clientX, y: event.clientY, view: view.slice(), moved: false };
  });
  window.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    drag.moved = true;
    stage.classList.add("dragging");
    const [, , scale] = toPicture(event);
    setView([drag.view[0] - dx * scale, drag.view[1] - dy * scale, drag.view[2], drag.view[3]]);
  });
  window.addEventListener("pointerup", () => {
    stage.classList.remove("dragging");
    setTimeout(() => { drag = null; }, 0);
  });
  $("zoom-in").addEventListener("click", () => zoom(1 / 1.3));
  $("zoom-out").addEventListener("click", () => zoom(1.3));
  $("zoom-fit").addEventListener("click", fit);
  stage.addEventListener("keydown", (event) => {
    const target = event.target;
    if (target.closest && target.closest("g.node") && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select(target.closest("g.node").id);
      return;
    }
    const moves = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] };
    if (moves[event.key]) {
      event.preventDefault();
      pan(...moves[event.key]);
    } else if (event.key === "+" || event.key === "=") {
      zoom(1 / 1.3);
    } else if (event.key === "-") {
      zoom(1.3);
    } else if (event.key === "0") {
      fit();
    }
  });
  stage.addEventListener("click", (event) => {
    if (drag && drag.moved) return;
    const group = event.target.closest && event.target.closest("g.node, g.edge");
    if (group && current.items.has(group.id)) select(group.id);
  });

  // ---- filters -------------------------------------------------------------------------------
  const filters = { document: "", from: "", to: "", kind: "", quad: "", negated: true };
  let focus = null; // the nodes a neighbourhood shows, or null for all
  const options = (select, values) => {
    for (const [value, text] of values) {
      const option = el("option", text);
      option.value = value;
      select.append(option);
    }
  };
  options($("f-document"), data.documents.map((d) => [d.id, (d.published ? d.published + " " : "") + (d.title || d.key)]));
  const kinds = Array.from(new Set(data.events.map((e) => e.kind))).sort();
  options($("f-kind"), kinds.map((k) => [k, k]));
  const quads = Array.from(new Set(data.events.map((e) => e.quad).filter(Boolean))).sort();
  options($("f-quad"), quads.map((q) => [q, q.replace(/_/g, " ")]));
  const inputs = { document: $("f-document"), from: $("f-from"), to: $("f-to"), kind: $("f-kind"), quad: $("f-quad") };
  for (const [name, input] of Object.entries(inputs)) {
    input.addEventListener("change", () => { filters[name] = input.value; apply(); });
  }
  $("f-negated").addEventListener("change", (event) => { filters.negated = event.target.checked; apply(); });
  $("f-reset").addEventListener("click", () => {
    for (const input of Object.values(inputs)) input.value = "";
    $("f-negated").checked = true;
    Object.assign(filters, { document: "", from: "", to: "", kind: "", quad: "", negated: true });
    focus = null;
    apply();
  });

  const cites = (sources, documentId) => (sources || []).some((s) => s.document === documentId);
  // "in", "maybe" (a fuzzy date that may fall in the range) or "out".
  function dateState(event) {
    if (!filters.from && !filters.to) return "in";
    if (!event.date) return "out";
    const from = filters.from || "0000-01-01", to = filters.to || "9999-12-31";
    if (event.date.to < from || event.date.from > to) return "out";
    return event.date.from >= from && event.date.to <= to ? "in" : "maybe";
  }
  function eventState(event) {
    if (filters.kind && event.kind !== filters.kind) return "out";
    if (filters.quad && event.quad !== filters.quad) return "out";
    if (filters.document && !cites(event.sources, filters.document) &&
        !(factsOf.get(event.id) || []).some((f) => cites(f.sources, filters.document))) return "out";
    return dateState(event);
  }
  function factPasses(fact, state) {
    if (fact.negated && !filters.negated) return false;
    if (filters.document && !cites(fact.sources, filters.document)) return false;
    for (const end of [fact.from, fact.to]) {
      if (events.has(end) && state.get(end) === "out") return false;
    }
    return true;
  }
  // A link that holds only some of its events on the page: "out" when none of its events can
  // pass, by the dates, kinds, classes and documents of all of them; "in" when the one filter
  // set is one those answer exactly; otherwise "maybe".
  function omittedState(link) {
    const { span, kinds, quads } = link.omitted;
    if (filters.kind && !kinds.includes(filters.kind)) return "out";
    if (filters.quad && !quads.includes(filters.quad)) return "out";
    if (filters.from || filters.to) {
      const from = filters.from || "0000-01-01", to = filters.to || "9999-12-31";
      if (!span || span[1] < from || span[0] > to) return "out";
    }
    if (filters.document && !((documents.get(filters.document) || {}).links || []).includes(link.id)) return "out";
    const exact = [filters.kind, filters.quad, filters.document].filter(Boolean).length === 1 &&
      !filters.from && !filters.to && filters.negated;
    return exact ? "in" : "maybe";
  }
  const filtering = () => Boolean(filters.document || filters.from || filters.to || filters.kind || filters.quad || !filters.negated);

  function apply() {
    if (!current) return;
    const state = new Map(); // node or fact id -> "in" | "maybe" | "out"
    for (const event of data.events) state.set(event.id, eventState(event));
    const active = filtering();
    const touched = new Set();
    for (const fact of data.facts) {
      const passes = factPasses(fact, state);
      state.set(fact.id, passes ? "in" : "out");
      if (passes) { touched.add(fact.from); touched.add(fact.to); }
    }
    for (const link of data.links) {
      const kept = link.events.filter((id) => events.has(id) && state.get(id) !== "out" &&
        (!filters.document || cites(events.get(id).sources, filters.document) ||
         (factsOf.get(id) || []).some((f) => f.to === id && cites(f.sources, filters.document))));
      const passes = kept.length > 0 && (filters.negated || kept.some((id) => (factsOf.get(id) || []).some((f) => !f.negated)));
      let linkState = passes ? (kept.every((id) => state.get(id) === "maybe") ? "maybe" : "in") : "out";
      if (linkState === "out" && link.omitted) linkState = omittedState(link);
      state.set(link.id, linkState);
      if (linkState !== "out") { touched.add(link.from); touched.add(link.to); }
    }
    for (const entity of data.entities) {
      const shown = !active || touched.has(entity.id) || (filters.document && cites(entity.sources, filters.document));
      state.set(entity.id, shown ? "in" : "out");
    }
    for (const event of data.events) {
      if (state.get(event.id) !== "out" && active && filters.document && !touched.has(event.id) &&
          !cites(event.sources, filters.document)) state.set(event.id, "out");
    }
    let shownNodes = 0, shownEdges = 0, maybe = 0, uncertain = 0;
    for (const [id, element] of current.items) {
      let s = state.get(id) || "in";
      const isNode = element.classList.contains("node");
      if (focus && s !== "out") {
        if (isNode) {
          if (!focus.has(id)) s = "out";
        } else {
          const record = facts.get(id) || links.get(id);
          if (record && !(focus.has(record.from) && focus.has(record.to))) s = "out";
        }
      }
      if (!isNode && s !== "out") {
        const record = facts.get(id) || links.get(id);
        if (record && [record.from, record.to].some((end) => current.items.has(end) && (state.get(end) === "out" || (focus && !focus.has(end))))) s = "out";
      }
      element.classList.toggle("hidden", s === "out");
      element.classList.toggle("maybe", s === "maybe");
      if (s !== "out") { if (isNode) shownNodes++; else shownEdges++; }
      if (s === "maybe" && isNode) maybe++;
      if (s === "maybe" && !isNode && links.has(id) && links.get(id).omitted) uncertain++;
    }
    $("status").textContent = count(shownNodes) + " nodes and " + count(shownEdges) + " lines shown" +
      (maybe ? "; " + count(maybe) + " faded may fall in the dates" : "") +
      (uncertain ? "; " + count(uncertain) + (uncertain === 1 ? " faded link has" : " faded links have") +
        " events not on this page that may pass" : "") +
      (focus ? "; a neighbourhood" : "");
    lastState = state;
  }
  let lastState = new Map();

  // Neighbours in the picture shown: by facts among events, by links among actors.
  function neighbours(id) {
    const found = new Set();
    if (current && current.diagram.name === "network") {
      for (const link of linksOf.get(id) || []) found.add(link.from === id ? link.to : link.from);
    } else {
      for (const fact of factsOf.get(id) || []) found.add(fact.from === id ? fact.to : fact.from);
    }
    return found;
  }
  function focusOn(id, expand) {
    const next = expand && focus ? new Set(focus) : new Set();
    next.add(id);
    for (const n of neighbours(id)) next.add(n);
    focus = next;
    apply();
  }

  // ---- the panel -----------------------------------------------------------------------------
  const nodeButton = (id, text) => {
    const button = el("button", text || nameOf(id), "linkish");
    button.type = "button";
    button.addEventListener("click", () => select(id));
    return button;
  };
  function sourceBlock(source) {
    const block = el("div", null, "source");
    if (filters.document && source.document === filters.document) block.classList.add("chosen");
    if (source.quote) block.append(el("blockquote", "“" + source.quote + "”"));
    const doc = documents.get(source.document);
    const by = el("div", null, "by");
    by.append("— ");
    if (doc) {
      const url = doc.url && webUrl(doc.url);
      const label = doc.title || doc.key;
      if (url) {
        const a = el("a", label);
        a.href = url;
        a.rel = "noopener noreferrer";
        by.append(a);
      } else {
        by.append(el("span", label));
      }
      if (doc.published) by.append(", " + doc.published);
      if (doc.url && !url) by.append(" (" + doc.url + ")");
    } else {
      by.append(source.document);
    }
    block.append(by);
    if (source.speaker) {
      const said = el("div", null, "by");
      said.append("said by ", nodeButton(source.speaker));
      block.append(said);
    }
    const chain = (source.via || []).slice();
    if (doc && doc.publisher) chain.push(doc.publisher);
    if (chain.length) {
      const via = el("div", null, "by");
      via.append("reported by ");
      chain.forEach((id, index) => {
        if (index) via.append(" → ");
        via.append(nodeButton(id));
      });
      block.append(via);
    }
    return block;
  }
  function sourcesSection(title, sources) {
    const section = [el("h3", title + " (" + (sources || []).length + ")")];
    if (!sources || !sources.length) section.push(el("p", "No source given.", "muted"));
    else for (const source of sources) section.push(sourceBlock(source));
    return section;
  }
  function fields(pairs) {
    const list = el("dl");
    for (const [name, value] of pairs) {
      if (value === undefined || value === null || value === "") continue;
      list.append(el("dt", name));
      const dd = el("dd");
      if (value instanceof Node) dd.append(value); else dd.textContent = String(value);
      list.append(dd);
    }
    return list;
  }
  function actions(id) {
    const row = el("div", null, "actions");
    const only = el("button", "Show its neighbourhood");
    only.type = "button";
    only.addEventListener("click", () => focusOn(id, false));
    const more = el("button", "Expand its neighbours");
    more.type = "button";
    more.addEventListener("click", () => focusOn(id, true));
    const all = el("button", "Show all");
    all.type = "button";
    all.addEventListener("click", () => { focus = null; apply(); });
    row.append(only, more, all);
    return row;
  }
  // A fact as a line of its node's panel, with the sentences behind it: the panel of France
  // reads what each report said France did.
  function factLine(fact, from) {
    const item = el("li");
    if (fact.negated) item.append(el("span", "not", "tag negated"));
    const other = fact.from === from ? fact.to : fact.from;
    const label = el("button", fact.label, "linkish");
    label.type = "button";
    label.addEventListener("click", () => select(fact.id));
    item.append(label, fact.from === from ? " → " : " ← ", nodeButton(other));
    if (lastState.get(fact.id) === "out") item.append(" ", el("span", "(filtered out)", "muted"));
    for (const source of fact.sources || []) item.append(sourceBlock(source));
    return item;
  }
  // Long lists are cut, with a button for the rest, so that a hub's panel opens at once.
  const SHOWN = 40;
  function factList(list, own, from) {
    own.slice(0, SHOWN).forEach((fact) => list.append(factLine(fact, from)));
    if (own.length > SHOWN) {
      const rest = el("button", "Show " + (own.length - SHOWN) + " more", "linkish");
      rest.type = "button";
      rest.addEventListener("click", () => {
        rest.remove();
        own.slice(SHOWN).forEach((fact) => list.append(factLine(fact, from)));
      });
      list.append(rest);
    }
    return list;
  }
  function dateText(date) {
    if (!date) return null;
    let text = date.text + " (" + date.precision + (date.approximate ? ", approximate" : "") + ")";
    if (date.from !== date.to) text += ": " + date.from + " to " + date.to;
    return text;
  }
  function select(id) {
    for (const old of stage.querySelectorAll(".selected")) old.classList.remove("selected");
    const element = current && current.items.get(id);
    if (element) {
      element.classList.add("selected");
      reveal(element);
    }
    panel.replaceChildren(...describe(id));
    panel.scrollTop = 0;
    closeResults();
  }
  function describe(id) {
    const out = [];
    if (entities.has(id)) {
      const entity = entities.get(id);
      out.push(el("h2", entity.name));
      out.push(fields([["kind", entity.kind.replace(/_/g, " ")], ["also", (entity.aliases || []).join(", ")],
        ["country", entity.country], ["joined", (entity.joined || []).join("; ")],
        ...(entity.attributes || [])]));
      out.push(actions(id));
      const own = factsOf.get(id) || [];
      if (own.length) {
        out.push(el("h3", "Facts (" + own.length + ")"));
        out.push(factList(el("ul"), own, id));
      }
      const own_links = linksOf.get(id) || [];
      if (own_links.length) {
        out.push(el("h3", "Links (" + own_links.length + ")"));
        const list = el("ul");
        for (const link of own_links) {
          const item = el("li");
          const button = el("button", link.weight + " event" + (link.weight === 1 ? "" : "s"), "linkish");
          button.type = "button";
          button.addEventListener("click", () => select(link.id));
          item.append(button, " with ", nodeButton(link.from === id ? link.to : link.from));
          list.append(item);
        }
        out.push(list);
      }
      out.push(...sourcesSection("Sources", entity.sources));
    } else if (events.has(id)) {
      const event = events.get(id);
      const title = el("h2", event.kind.toUpperCase() + (event.status !== "happened" ? " (" + event.status + ")" : ""));
      out.push(title);
      if (event.disputes) out.push(el("span", "disputed: " + event.disputes.map((d) => d.field).join(", "), "tag disputed"));
      if (lastState.get(id) === "maybe") out.push(el("span", "may fall in the dates", "tag maybe"));
      out.push(fields([["description", event.description], ["date", dateText(event.date)], ["status", event.status],
        ["where", event.location ? nodeButton(event.location) : null],
        ["quad class", event.quad ? event.quad.replace(/_/g, " ") : null], ["CAMEO", event.cameo],
        ["confidence", event.confidence !== "1" ? event.confidence : null], ["key", event.key],
        ...(event.attributes || [])]));
      out.push(actions(id));
      for (const dispute of event.disputes || []) {
        out.push(el("h3", "Disputed " + dispute.field));
        for (const value of dispute.values) {
          out.push(el("p", value.value));
          for (const source of value.sources) out.push(sourceBlock(source));
        }
      }
      const own = factsOf.get(id) || [];
      if (own.length) {
        out.push(el("h3", "Who (" + own.length + ")"));
        out.push(factList(el("ul"), own, id));
      }
      out.push(...sourcesSection("Sources", event.sources));
    } else if (facts.has(id)) {
      const fact = facts.get(id);
      const title = el("h2");
      title.append(nameOf(fact.from), " ", fact.negated ? "NOT " : "", fact.label, " ", nameOf(fact.to));
      out.push(title);
      if (fact.negated) out.push(el("span", "negated: the sources say this did not hold", "tag negated"));
      const from = nodeButton(fact.from), to = nodeButton(fact.to);
      out.push(fields([["from", from], ["fact", fact.type], ["to", to],
        ["valid", fact.valid ? fact.valid.map((d) => d || "…").join(" to ") : null],
        ["confidence", fact.confidence !== "1" ? fact.confidence : null]]));
      out.push(...sourcesSection("Sources", fact.sources));
    } else if (links.has(id)) {
      const link = links.get(id);
      const title = el("h2");
      title.append(nameOf(link.from), link.directed ? " → " : " — ", nameOf(link.to));
      out.push(title);
      out.push(fields([["from", nodeButton(link.from)], ["to", nodeButton(link.to)], ["events", count(link.weight)],
        ["cooperation", link.cooperation], ["conflict", link.conflict]]));
      out.push(el("h3", "Events (" + (link.omitted ? count(link.events.length) + " of " + count(link.weight) : count(link.events.length)) + ")"));
      if (link.omitted) {
        out.push(el("p", "The page holds " + count(link.events.length) + " of this link's " + count(link.weight) +
          " events, spread from the earliest to the latest" +
          (link.omitted.span ? " (" + link.omitted.span[0] + " to " + link.omitted.span[1] + ")" : "") + ".", "muted"));
      }
      const list = el("ul");
      for (const eventId of link.events) {
        const event = events.get(eventId);
        if (!event) continue;
        const item = el("li");
        item.append(nodeButton(eventId, eventTitle(event)));
        if (lastState.get(eventId) === "out") item.append(" ", el("span", "(filtered out)", "muted"));
        list.append(item);
      }
      out.push(list);
    } else {
      out.push(el("p", "Nothing is known of " + id + ".", "muted"));
    }
    return out;
  }

  // ---- search, spelling forgiven ---------------------------------------------------------------
  // Names are folded as the crate folds them (case, diacritics, punctuation), then matched as
  // a part of a name, or within an edit distance that grows with the length of what is typed.
  const fold = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let previous2 = null, previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (previous2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, previous2[j - 2] + 1);
        }
        row.push(value);
        best = Math.min(best, value);
      }
      if (best > limit) return limit + 1;
      previous2 = previous;
      previous = row;
    }
    return previous[b.length];
  }
  const names = [];
  for (const entity of data.entities) {
    for (const name of [entity.name, ...(entity.aliases || [])]) {
      const folded = fold(name);
      if (folded) names.push({ id: entity.id, name, folded, words: folded.split(" ") });
    }
  }
  function find(query) {
    const q = fold(query);
    if (!q) return [];
    const limit = q.length <= 3 ? 0 : q.length <= 5 ? 1 : q.length <= 9 ? 2 : 3;
    const qWords = q.split(" ").length;
    const best = new Map();
    for (const entry of names) {
      let score;
      if (entry.folded === q) score = 0;
      else if (entry.folded.startsWith(q) || entry.words.some((w) => w.startsWith(q))) score = 0.5;
      else if (entry.folded.includes(q)) score = 0.8;
      else {
        score = distance(q, entry.folded, limit);
        for (let i = 0; i + qWords <= entry.words.length && score > 0; i++) {
          score = Math.min(score, distance(q, entry.words.slice(i, i + qWords).join(" "), limit) + 0.1);
        }
        if (score > limit) continue;
        score += 1;
      }
      const known = best.get(entry.id);
      if (!known || score < known.score) best.set(entry.id, { id: entry.id, name: entry.name, score });
    }
    return Array.from(best.values()).sort((a, b) => a.score - b.score || a.name.localeCompare(b.name)).slice(0, 20);
  }
  let found = [], chosen = -1;
  function closeResults() { results.replaceChildren(); found = []; chosen = -1; search.removeAttribute("aria-activedescendant"); }
  function showResults() {
    results.replaceChildren();
    found.forEach((hit, index) => {
      const item = el("li");
      item.id = "result-" + index;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", index === chosen ? "true" : "false");
      const entity = entities.get(hit.id);
      item.append(el("span", entity.name), " ");
      if (hit.name !== entity.name) item.append(el("span", "(" + hit.name + ") ", "kind"));
      item.append(el("span", entity.kind.replace(/_/g, " "), "kind"));
      item.addEventListener("mousedown", (event) => { event.preventDefault(); select(hit.id); });
      results.append(item);
    });
    if (chosen >= 0) search.setAttribute("aria-activedescendant", "result-" + chosen);
  }
  search.addEventListener("input", () => {
    found = find(search.value);
    chosen = found.length ? 0 : -1;
    showResults();
    if (search.value.trim() && !found.length) results.append(el("li", "No name is close to that.", "kind"));
  });
  search.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!found.length) return;
      chosen = (chosen + (event.key === "ArrowDown" ? 1 : found.length - 1)) % found.length;
      showResults();
    } else if (event.key === "Enter" && chosen >= 0) {
      event.preventDefault();
      const id = found[chosen].id;
      select(id);
      const element = current && current.items.get(id);
      if (element && !element.classList.contains("hidden")) element.focus();
    } else if (event.key === "Escape") {
      closeResults();
    }
  });
  search.addEventListener("blur", () => setTimeout(closeResults, 150));
  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
    if (event.key === "/" && !typing) {
      event.preventDefault();
      search.focus();
    } else if (event.key === "Escape" && !typing) {
      for (const old of stage.querySelectorAll(".selected")) old.classList.remove("selected");
      panel.replaceChildren(el("p", "Click a node or a line, or find a name, to read every source behind it.", "hint"));
    }
  });

  $("page-title").textContent = data.title;
  if (pictures.length) show(0);
  document.body.dataset.ready = "true";
})();
