// Paced load: `clients` clients, each on its own keep-alive connection, together sending
// `rate` requests a second to the GraphQL endpoint for `seconds`.
//
// Client i sends its k-th request at start + (k + i / clients) * clients / rate. A client
// never has two requests in flight: when a response is late, its next request goes as
// soon as the response is in, and that request's latency counts from when it was due
// (so a stall is not hidden by the requests it delayed: no coordinated omission).
//
// Usage: node paced_clients.mjs <url> <token> <bodies.jsonl> <rate> <clients> <seconds>
// Prints one line: RESULT <requests> <errors> <seconds> <p50> <p95> <p99> <req/s>
import { readFileSync } from "node:fs";
import http from "node:http";

const [url, token, bodiesPath, rateArg, clientsArg, secondsArg] = process.argv.slice(2);
const rate = Number(rateArg);
const clients = Number(clientsArg);
const seconds = Number(secondsArg);
const bodies = readFileSync(bodiesPath, "utf8").split("\n").filter((line) => line.length > 0);
const target = new URL("/graphql", url);
const interval = (clients / rate) * 1000;

function post(agent, body) {
  return new Promise((resolve) => {
    const request = http.request(
      target,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          "content-length": Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode === 200));
      },
    );
    request.on("error", () => resolve(false));
    request.end(body);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const latencies = [];
let errors = 0;
let next = 0;

async function client(i, start, end) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let k = 0; ; k += 1) {
    const due = start + (k + i / clients) * interval;
    if (due >= end) break;
    await sleep(due - performance.now());
    const body = bodies[next++ % bodies.length];
    const ok = await post(agent, body);
    latencies.push(performance.now() - due);
    if (!ok) errors += 1;
  }
  agent.destroy();
}

const start = performance.now() + 100;
const end = start + seconds * 1000;
await Promise.all(Array.from({ length: clients }, (_, i) => client(i, start, end)));
const elapsed = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
console.log(
  `RESULT ${latencies.length} ${errors} ${elapsed.toFixed(3)} ${at(0.5).toFixed(3)} ` +
    `${at(0.95).toFixed(3)} ${at(0.99).toFixed(3)} ${(latencies.length / elapsed).toFixed(3)}`,
);
