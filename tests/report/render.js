// render.js HTML OUT-PREFIX: renders the report in headless Chromium over the DevTools
// protocol and checks it: the six measures are on the page, nothing overflows horizontally at
// 1280 px (screen) and at A4's printable width (print media, 180 mm), and the console has no
// error. Writes OUT-PREFIX-1280.png (the top 1800 px) and OUT-PREFIX.pdf (A4).
// Needs node --experimental-websocket (Node 20) and CHROMIUM (the binary).
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const [html, prefix] = process.argv.slice(2);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "mamori-chromium-"));
const chrome = spawn(process.env.CHROMIUM || "chromium", [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
  "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank",
], { stdio: ["ignore", "ignore", "pipe"] });
let problems = [];
const done = (code) => {
  for (const p of problems) console.error("FAIL: " + p);
  const rc = code || (problems.length ? 1 : 0);
  const cleanup = () => {
    try { fs.rmSync(profile, { recursive: true, force: true }); } catch (e) { /* chromium's leftovers */ }
    process.exit(rc);
  };
  if (chrome.exitCode !== null) return cleanup();
  chrome.on("exit", cleanup);
  try { chrome.kill("SIGKILL"); } catch (e) { cleanup(); }
};
setTimeout(() => { problems.push("timed out"); done(1); }, 120000);

async function wsUrl() {
  for (let i = 0; i < 300; i++) {
    const f = path.join(profile, "DevToolsActivePort");
    if (fs.existsSync(f)) {
      const [port] = fs.readFileSync(f, "utf8").split("\n");
      const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
      const page = list.find((t) => t.type === "page");
      if (page) return page.webSocketDebuggerUrl;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("chromium did not start");
}

(async () => {
  const ws = new WebSocket(await wsUrl());
  await new Promise((r) => ws.addEventListener("open", r));
  let id = 0;
  const pending = new Map();
  const events = [];
  ws.addEventListener("message", (m) => {
    const msg = JSON.parse(m.data);
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      msg.error ? reject(new Error(JSON.stringify(msg.error))) : resolve(msg.result);
    } else if (msg.method) {
      events.push(msg);
    }
  });
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    id++;
    pending.set(id, { resolve, reject });
    ws.send(JSON.stringify({ id, method, params }));
  });
  await send("Page.enable");
  await send("Runtime.enable");
  await send("Log.enable");
  const evaluate = async (expr) => (await send("Runtime.evaluate", { expression: expr, returnByValue: true })).result.value;
  const load = async (width) => {
    await send("Emulation.setDeviceMetricsOverride", { width, height: 900, deviceScaleFactor: 1, mobile: false });
    await send("Page.navigate", { url: "file://" + path.resolve(html) });
    for (let i = 0; i < 200 && (await evaluate("document.readyState")) !== "complete"; i++)
      await new Promise((r) => setTimeout(r, 50));
  };
  const overflow = () => evaluate(`(() => {
    const w = document.documentElement.clientWidth, out = [];
    if (document.documentElement.scrollWidth > w) out.push("page " + document.documentElement.scrollWidth + " > " + w);
    for (const e of document.querySelectorAll("body *")) {
      const r = e.getBoundingClientRect();
      if (r.width && r.right > w + 1) out.push(e.tagName + " " + (e.textContent || "").slice(0, 40) + " ends at " + Math.round(r.right));
    }
    return out.slice(0, 5);
  })()`);

  await load(1280);
  const text = await evaluate("document.body.innerText");
  const lang = await evaluate("document.documentElement.lang");
  for (let m = 1; m <= 6; m++) {
    const want = lang === "ja" ? `対策${m}: ` : `Measure ${m}: `;
    if (!text.includes(want)) problems.push(`the page has no "${want}"`);
  }
  const o1 = await overflow();
  if (o1.length) problems.push("horizontal overflow at 1280 px: " + o1.join("; "));
  // the top of the page (what the README shows); a full-page capture stalls headless Chromium
  await send("Emulation.setDeviceMetricsOverride", { width: 1280, height: 1800, deviceScaleFactor: 1, mobile: false });
  const shot = await send("Page.captureScreenshot", { format: "png" });
  fs.writeFileSync(prefix + "-1280.png", Buffer.from(shot.data, "base64"));

  // A4: 210 mm less the 15 mm margins of @page, at 96 px per inch, with print styles
  await send("Emulation.setEmulatedMedia", { media: "print" });
  await load(Math.floor((180 / 25.4) * 96));
  const o2 = await overflow();
  if (o2.length) problems.push("horizontal overflow at A4 print width: " + o2.join("; "));
  const pdf = await send("Page.printToPDF", { paperWidth: 8.27, paperHeight: 11.69, preferCSSPageSize: true });
  fs.writeFileSync(prefix + ".pdf", Buffer.from(pdf.data, "base64"));

  for (const e of events) {
    if (e.method === "Runtime.exceptionThrown") problems.push("exception: " + JSON.stringify(e.params.exceptionDetails.text));
    if (e.method === "Runtime.consoleAPICalled" && e.params.type === "error") problems.push("console error");
    if (e.method === "Log.entryAdded" && e.params.entry.level === "error") problems.push("console: " + e.params.entry.text);
  }
  console.log(`rendered ${html}: ${text.length} characters, screenshot ${prefix}-1280.png`);
  done(0);
})().catch((e) => { problems.push(String(e && e.stack || e)); done(1); });
