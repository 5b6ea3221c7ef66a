// Shared by the browser tests: Debian's Chromium through playwright-core (CHROMIUM_PATH overrides its path), a
// page with bounded waits that records its WebSockets and echoes its console, check() that prints "ok - ..." or
// throws, and run() that closes the browser and exits 0 or 1.
import { chromium } from "playwright-core";

export const TIMEOUT_MS = 20000;

export function check(cond, what) {
  if (!cond) throw new Error("FAILED: " + what);
  console.log("ok - " + what);
}

/** Launches Chromium, opens a page and runs body({page, sockets}); exits the process with the result. */
export async function run(body) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  let exitCode = 0;
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    const sockets = [];
    page.on("websocket", (ws) => sockets.push(ws));
    page.on("console", (m) => console.log("  [page] " + m.text()));
    page.on("pageerror", (e) => console.log("  [page error] " + e.message));
    await body({ page, sockets });
  } catch (e) {
    console.error(e.stack || String(e));
    exitCode = 1;
  } finally {
    await browser.close();
  }
  process.exit(exitCode);
}
