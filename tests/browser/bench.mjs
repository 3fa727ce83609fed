// How soon a browser can use a big page: opens the page of 10 000 generated events (written by
// `cargo run --release --features workload --example html_page`) from disk in headless
// Chromium, several times in fresh tabs, and prints the median of
//   - ready: navigation start to the page's script having drawn the picture and set up its
//     indexes (body[data-ready]);
//   - click: a click on the most active actor to its panel shown;
//   - filter: choosing one document in the filter to the picture updated.
// Beside them, in the same run, the baseline: the same picture as a bare SVG file (the page's
// own Graphviz SVG, written out), opened the same way, timed to its load event.
// Run: node tests/browser/bench.mjs [page.html] [runs]

import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const root = resolve(import.meta.dirname, "../..");
const path = process.argv[2] || join(root, "target/browser/generated-10000.html");
const runs = Number(process.argv[3] || 5);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic"],
});
const times = { ready: [], click: [], filter: [], svg: [] };
const html = readFileSync(path, "utf8");
const json = html.slice(html.indexOf('id="eventkg-data">') + 18, html.indexOf("</script>"));
const bare = path.replace(/\.html$/, "") + ".bare.svg";
writeFileSync(bare, JSON.parse(json).diagrams[0].svg);
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const tab = await context.newPage();
  await tab.goto(pathToFileURL(path).href);
  await tab.waitForSelector("body[data-ready=true]", { timeout: 60000 });
  times.ready.push(await tab.evaluate(() => performance.now()));
  const actor = await tab.evaluate(() => {
    const data = JSON.parse(document.getElementById("eventkg-data").textContent);
    const weight = new Map();
    for (const link of data.links) for (const end of [link.from, link.to]) weight.set(end, (weight.get(end) || 0) + link.weight);
    return Array.from(weight).sort((a, b) => b[1] - a[1])[0][0];
  });
  const t0 = await tab.evaluate(() => performance.now());
  await tab.locator(`#stage svg g.node[id="${actor}"]`).dispatchEvent("click");
  await tab.waitForFunction(() => document.querySelector("#panel h2"));
  times.click.push((await tab.evaluate(() => performance.now())) - t0);
  const chosen = await tab.evaluate(() => document.querySelectorAll("#f-document option")[1].value);
  const t1 = await tab.evaluate(() => performance.now());
  await tab.selectOption("#f-document", chosen);
  await tab.waitForFunction(() => document.querySelector("#stage svg g.edge.hidden"));
  times.filter.push((await tab.evaluate(() => performance.now())) - t1);
  await context.close();
  const plain = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const svgTab = await plain.newPage();
  await svgTab.goto(pathToFileURL(bare).href, { waitUntil: "load" });
  times.svg.push(await svgTab.evaluate(() => performance.now()));
  await plain.close();
}
await browser.close();
const median = (list) => list.slice().sort((a, b) => a - b)[Math.floor(list.length / 2)];
console.log(`${path} (${(html.length / 1e6).toFixed(2)} MB): ${runs} runs, median ready ` +
  `${median(times.ready).toFixed(0)} ms (the bare SVG: ${median(times.svg).toFixed(0)} ms, ` +
  `${(median(times.ready) / median(times.svg)).toFixed(2)}×), click to panel ${median(times.click).toFixed(0)} ms, ` +
  `filter ${median(times.filter).toFixed(0)} ms`);
console.log(JSON.stringify(times));
