// The HTML export opened from disk in Debian's Chromium, headless, driven by Playwright.
// `npm test` here (`.ci/run` runs it) builds the pages with the CLI, then clicks, searches and
// filters them as an analyst would, and checks that nothing leaves the page and nothing of a
// graph file's text ever runs. Screenshots land in target/browser/.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const root = resolve(import.meta.dirname, "../..");
const out = join(root, "target", "browser");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

/** Writes a page with the CLI, from graph files given relative to the crate's root. */
function page(name, files, ...extra) {
  const path = join(out, name);
  const graphs = files.flatMap((file) => ["-g", join(root, file)]);
  execFileSync("cargo", ["run", "--quiet", "--features", "cli", "--bin", "eventkg", "--",
    ...graphs, "export", "html", ...extra, "-o", path], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  return path;
}

let browser;
const pages = {};

before(async () => {
  mkdirSync(out, { recursive: true });
  const seeds = readdirSync(join(root, "seeds")).filter((f) => f.endsWith(".toml")).map((f) => join("seeds", f));
  pages.seed = page("seed.html", seeds, "--title", "The seed article");
  const story = readdirSync(join(root, "tests/data/story")).sort().map((f) => join("tests/data/story", f));
  pages.story = page("story.html", story, "--title", "Three made-up reports of one story");
  pages.year = page("year.html", ["tests/data/network_year.toml"], "--network", "--max-events", "5",
    "--title", "A made-up year of talks");
  pages.hostile = page("hostile.html", ["tests/data/hostile_page.toml"], "--title", "<script>window.pwned='page title'</script>");
  browser = await chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic"],
  });
});

after(async () => {
  if (browser) await browser.close();
});

/** Opens a page from disk, recording every request that is not for the file itself, every
 * console error and page error, and every dialog. */
async function open(path) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const tab = await context.newPage();
  const seen = { requests: [], errors: [], dialogs: [] };
  const self = pathToFileURL(path).href;
  tab.on("request", (request) => {
    if (request.url() !== self) seen.requests.push(request.url());
  });
  tab.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") seen.errors.push(message.text());
  });
  tab.on("pageerror", (error) => seen.errors.push(String(error)));
  tab.on("dialog", async (dialog) => {
    seen.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await tab.goto(self);
  await tab.waitForSelector("body[data-ready=true]", { timeout: 20000 });
  return { tab, seen, context };
}

async function clean(seen) {
  assert.deepEqual(seen.requests, [], "no request leaves the page");
  assert.deepEqual(seen.errors, [], "the console shows no error");
  assert.deepEqual(seen.dialogs, [], "no dialog opens");
}

const idOf = (tab, name) => tab.evaluate((name) => {
  const data = JSON.parse(document.getElementById("eventkg-data").textContent);
  return data.entities.find((entity) => entity.name === name).id;
}, name);

test("clicking France shows the quote behind its invitation", async () => {
  const { tab, seen, context } = await open(pages.seed);
  const france = await idOf(tab, "France");
  await tab.locator(`#stage svg g.node[id="${france}"]`).click();
  await tab.waitForFunction(() => document.querySelector("#panel h2")?.textContent === "France");
  const panel = await tab.locator("#panel").innerText();
  assert.match(panel, /France has sent letters to the United States/);
  await tab.screenshot({ path: join(out, "seed.png") });
  await clean(seen);
  await context.close();
});

test("a misspelled name finds the person, from the keyboard", async () => {
  const { tab, seen, context } = await open(pages.seed);
  await tab.keyboard.press("/");
  await tab.keyboard.type("Tierry Burkhard");
  await tab.waitForSelector("#results li[role=option]");
  const first = await tab.locator("#results li[role=option]").first().innerText();
  assert.match(first, /Thierry Burkhardt/);
  await tab.keyboard.press("Enter");
  await tab.waitForFunction(() => document.querySelector("#panel h2")?.textContent === "Thierry Burkhardt");
  // The node found has the focus: Tab walks on, Enter opens the next one.
  const focused = await tab.evaluate(() => document.activeElement.closest("g.node")?.id);
  assert.equal(focused, await idOf(tab, "Thierry Burkhardt"));
  await clean(seen);
  await context.close();
});

test("filtering to one report hides the other reports' facts", async () => {
  const { tab, seen, context } = await open(pages.story);
  const documents = await tab.evaluate(() =>
    Array.from(document.querySelectorAll("#f-document option")).map((o) => o.value).filter(Boolean));
  assert.ok(documents.length >= 3, "the three reports are offered");
  const all = await tab.locator("#stage svg g.edge:not(.hidden)").count();
  for (const chosen of documents) {
    await tab.selectOption("#f-document", chosen);
    const shown = await tab.evaluate((chosen) => {
      const data = JSON.parse(document.getElementById("eventkg-data").textContent);
      const facts = new Map(data.facts.map((f) => [f.id, f]));
      const result = { visible: 0, hidden: 0, wrong: [] };
      for (const edge of document.querySelectorAll("#stage svg g.edge")) {
        const fact = facts.get(edge.id);
        if (!fact) continue;
        const cites = fact.sources.some((s) => s.document === chosen);
        const hidden = edge.classList.contains("hidden");
        if (hidden) result.hidden++; else result.visible++;
        if (!hidden && !cites) result.wrong.push(edge.id);
      }
      return result;
    }, chosen);
    assert.deepEqual(shown.wrong, [], `every fact shown for ${chosen} is stated in it`);
    assert.ok(shown.visible > 0, `${chosen} states some fact`);
    assert.ok(shown.hidden > 0, `the other reports' facts are hidden for ${chosen}`);
  }
  await tab.screenshot({ path: join(out, "story-one-report.png") });
  await tab.click("#f-reset");
  assert.equal(await tab.locator("#stage svg g.edge:not(.hidden)").count(), all);
  await clean(seen);
  await context.close();
});

test("a date range keeps events that may fall in it, marked as such", async () => {
  const { tab, seen, context } = await open(pages.seed);
  const dated = await tab.evaluate(() => {
    const data = JSON.parse(document.getElementById("eventkg-data").textContent);
    return data.events.filter((e) => e.date && e.date.from !== e.date.to)[0];
  });
  assert.ok(dated, "the seed has an event dated to more than a day");
  // A range of the event's first day only: the event may fall in it, and is not certain to.
  await tab.fill("#f-from", dated.date.from);
  await tab.fill("#f-to", dated.date.from);
  await tab.locator("#f-to").dispatchEvent("change");
  await tab.locator("#f-from").dispatchEvent("change");
  const state = await tab.evaluate((id) => {
    const node = document.querySelector(`#stage svg g.node[id="${id}"]`);
    return { hidden: node.classList.contains("hidden"), maybe: node.classList.contains("maybe") };
  }, dated.id);
  assert.deepEqual(state, { hidden: false, maybe: true });
  await clean(seen);
  await context.close();
});

test("hostile text shows as written and never runs", async () => {
  const { tab, seen, context } = await open(pages.hostile);
  const data = await tab.evaluate(() => JSON.parse(document.getElementById("eventkg-data").textContent));
  assert.equal(await tab.locator("#page-title").innerText(), "<script>window.pwned='page title'</script>");
  assert.equal(await tab.title(), "<script>window.pwned='page title'</script>");
  for (const entity of data.entities) {
    await tab.locator(`#stage svg g.node[id="${entity.id}"]`).click();
    await tab.waitForFunction((name) => document.querySelector("#panel h2")?.textContent === name, entity.name);
  }
  for (const fact of data.facts) {
    // A line is thin: the click is sent to it rather than aimed at its pixels.
    await tab.locator(`#stage svg g.edge[id="${fact.id}"]`).dispatchEvent("click");
    for (const source of fact.sources.filter((s) => s.quote)) {
      const quotes = await tab.locator("#panel blockquote").allTextContents();
      assert.ok(quotes.includes(`“${source.quote}”`), `the quote shows as written: ${source.quote}`);
    }
  }
  const event = data.events.find((e) => e.description);
  await tab.locator(`#stage svg g.node[id="${event.id}"]`).click();
  assert.ok((await tab.locator("#panel dd").allTextContents()).includes(event.description));
  const options = await tab.locator("#f-document option").allTextContents();
  for (const document of data.documents) {
    assert.ok(options.some((o) => o.endsWith(document.title)), `the title shows as written: ${document.title}`);
  }
  // Only the https URL is a link, with its address as written; the javascript: one is text.
  const hrefs = await tab.evaluate(() => Array.from(document.querySelectorAll("a[href]")).map((a) => a.getAttribute("href")));
  for (const href of hrefs) assert.match(href, /^https?:/);
  const probe = await tab.evaluate(() => ({
    pwned: typeof window.pwned,
    scripts: document.scripts.length,
    images: document.images.length,
    handlers: Array.from(document.querySelectorAll("*")).flatMap((node) =>
      Array.from(node.attributes).filter((a) => a.name.startsWith("on")).map((a) => a.name)),
    policy: document.querySelector("meta[http-equiv=Content-Security-Policy]").content,
  }));
  assert.equal(probe.pwned, "undefined", "no script of the graph file ran");
  assert.equal(probe.scripts, 2, "the data and the page's own script, nothing else");
  assert.equal(probe.images, 0);
  assert.deepEqual(probe.handlers, []);
  assert.match(probe.policy, /default-src 'none'/);
  await tab.keyboard.press("/");
  await tab.keyboard.type("reversed bureau");
  await tab.waitForSelector("#results li[role=option]");
  await tab.screenshot({ path: join(out, "hostile.png") });
  await clean(seen);
  await context.close();
});

test("the policy stops a script that is not the page's own", async () => {
  const { tab, seen, context } = await open(pages.seed);
  // A script element added as markup after load is refused by the Content-Security-Policy.
  await tab.evaluate(() => {
    const holder = document.createElement("div");
    holder.innerHTML = "<img src=x onerror=\"window.pwned=1\">";
    document.body.append(holder);
    const script = document.createElement("script");
    script.textContent = "window.pwned = 2";
    document.body.append(script);
  });
  await tab.waitForTimeout(200);
  assert.equal(await tab.evaluate(() => typeof window.pwned), "undefined");
  assert.ok(seen.errors.length > 0, "the browser reports the refusals");
  seen.errors.length = 0;
  seen.requests = seen.requests.filter((url) => !url.endsWith("/x"));
  await clean(seen);
  await context.close();
});

test("negated facts hide and show; a kind filter keeps events of that kind", async () => {
  const { tab, seen, context } = await open(pages.seed);
  const negated = await tab.evaluate(() =>
    JSON.parse(document.getElementById("eventkg-data").textContent).facts.filter((f) => f.negated).map((f) => f.id));
  assert.ok(negated.length > 0, "the seed has a negated fact (the ministry not invited)");
  const hidden = (ids) => tab.evaluate((ids) => ids.map((id) =>
    document.querySelector(`#stage svg g.edge[id="${id}"]`).classList.contains("hidden")), ids);
  assert.ok((await hidden(negated)).every((h) => !h));
  await tab.uncheck("#f-negated");
  assert.ok((await hidden(negated)).every((h) => h));
  await tab.check("#f-negated");
  await tab.selectOption("#f-kind", "reject");
  const kinds = await tab.evaluate(() => {
    const data = JSON.parse(document.getElementById("eventkg-data").textContent);
    return data.events.filter((e) => !document.querySelector(`#stage svg g.node[id="${e.id}"]`).classList.contains("hidden"))
      .map((e) => e.kind);
  });
  assert.ok(kinds.length > 0);
  assert.deepEqual(Array.from(new Set(kinds)), ["reject"]);
  await clean(seen);
  await context.close();
});

test("a node's neighbourhood, then a neighbour's, then everything again", async () => {
  const { tab, seen, context } = await open(pages.seed);
  const france = await idOf(tab, "France");
  const total = await tab.locator("#stage svg g.node").count();
  await tab.locator(`#stage svg g.node[id="${france}"]`).click();
  await tab.getByRole("button", { name: "Show its neighbourhood" }).click();
  // The legend's nodes stay; the records' nodes are e… and v….
  const shown = await tab.evaluate(() =>
    Array.from(document.querySelectorAll("#stage svg g.node:not(.hidden)")).map((n) => n.id)
      .filter((id) => /^[ev]\d+$/.test(id)));
  const expected = await tab.evaluate((france) => {
    const data = JSON.parse(document.getElementById("eventkg-data").textContent);
    const ids = new Set([france]);
    for (const f of data.facts) {
      if (f.from === france) ids.add(f.to);
      if (f.to === france) ids.add(f.from);
    }
    return Array.from(ids);
  }, france).then((ids) => new Set(ids));
  assert.ok(shown.includes(france));
  assert.ok(shown.length < total);
  for (const id of shown) assert.ok(expected.has(id), `${id} is France or one of its neighbours`);
  // Expanding a neighbour adds its own neighbours.
  const event = shown.find((id) => id.startsWith("v"));
  await tab.locator(`#stage svg g.node[id="${event}"]`).click();
  await tab.getByRole("button", { name: "Expand its neighbours" }).click();
  const more = await tab.locator("#stage svg g.node:not(.hidden)").count();
  assert.ok(more >= shown.length);
  await tab.getByRole("button", { name: "Show all" }).click();
  assert.equal(await tab.locator("#stage svg g.node:not(.hidden)").count(), total);
  await clean(seen);
  await context.close();
});

test("a page that holds some of a link's events filters by all of them", async () => {
  const { tab, seen, context } = await open(pages.year);
  const ids = await tab.evaluate(() => {
    const data = JSON.parse(document.getElementById("eventkg-data").textContent);
    const id = (key) => data.documents.find((d) => d.key === key).id;
    return { talks: data.links.find((l) => l.omitted).id, protests: data.links.find((l) => !l.omitted).id,
      a: id("ledger-a"), c: id("ledger-c") };
  });
  const state = () => tab.evaluate((ids) => Object.fromEntries(["talks", "protests"].map((name) => {
    const edge = document.querySelector(`#stage svg g.edge[id="${ids[name]}"]`);
    return [name, edge.classList.contains("hidden") ? "out" : edge.classList.contains("maybe") ? "maybe" : "in"];
  })), ids);
  const dates = async (from, to) => {
    await tab.fill("#f-from", from);
    await tab.fill("#f-to", to);
    await tab.locator("#f-to").dispatchEvent("change");
    await tab.locator("#f-from").dispatchEvent("change");
  };
  const reset = () => tab.click("#f-reset");

  // The panel says how many of the link's events the page holds.
  await tab.locator(`#stage svg g.edge[id="${ids.talks}"]`).dispatchEvent("click");
  await tab.waitForFunction(() => /Events \(3 of 12\)/.test(document.querySelector("#panel").textContent));
  assert.match(await tab.locator("#panel").innerText(), /2024-01-15 to 2024-12-15/);

  // March and April: talks left out of the page fall in them, none held does.
  await dates("2024-03-01", "2024-04-30");
  assert.deepEqual(await state(), { talks: "maybe", protests: "out" });
  assert.match(await tab.locator("#status").innerText(), /1 faded link has events not on this page/);
  await tab.screenshot({ path: join(out, "year-faded.png") });
  // A year with no talks at all.
  await dates("2025-01-01", "2025-12-31");
  assert.deepEqual(await state(), { talks: "out", protests: "out" });
  await reset();
  assert.deepEqual(await state(), { talks: "in", protests: "in" });

  // Kinds and documents answer for every event of a link.
  await tab.selectOption("#f-kind", "protest");
  assert.deepEqual(await state(), { talks: "out", protests: "in" });
  await reset();
  await tab.selectOption("#f-document", ids.c);
  assert.deepEqual(await state(), { talks: "out", protests: "in" });
  // Ledger A tells the March talks, which the page does not hold.
  await tab.selectOption("#f-document", ids.a);
  await dates("2024-03-01", "2024-03-31");
  assert.deepEqual(await state(), { talks: "maybe", protests: "out" });
  await clean(seen);
  await context.close();
});
