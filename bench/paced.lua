-- Paced load for wrk: `clients` connections, one per wrk thread, together sending `rate`
-- requests a second to the GraphQL endpoint for `seconds`.
--
-- Connection i sends its k-th request at start + (k + i / clients) * clients / rate. A
-- connection never has two requests in flight: when a response is late, its next request
-- goes as soon as the response is in, and that request's latency counts from when it was
-- due (so a stall is not hidden by the requests it delayed: no coordinated omission).
-- wrk is C, so the load generator takes little of the CPU the server is measured on.
--
-- Usage: wrk -t<clients> -c<clients> -d<seconds + 2>s -s paced.lua <url> --
--          <token> <bodies.jsonl> <rate> <clients> <seconds>
-- (wrk's own duration is longer: the schedule ends the run, late responses included)
-- Prints one line: RESULT <requests> <errors> <seconds> <p50> <p95> <p99> <req/s>

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } paced_timespec;
int clock_gettime(int clock, paced_timespec *now);
]]
local clock = ffi.new("paced_timespec")

local function now_ms()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC: one clock for every thread
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

-- The main state's: every thread gets the same start and its own place in the schedule.
local threads = {}
local first_due = now_ms() + 500 -- time for every connection to be made

function setup(thread)
  thread:set("client", #threads)
  thread:set("start", first_due) -- a global in the thread
  table.insert(threads, thread)
end

-- Each thread's: its schedule, and what done() collects from it.
latencies, errors, seconds = {}, 0, 0
local bodies, interval, origin, finish, sent, due, next_body = {}, 0, 0, 0, 0, 0, 0

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. args[1]
  for line in io.lines(args[2]) do bodies[#bodies + 1] = line end
  local rate, clients = tonumber(args[3]), tonumber(args[4])
  seconds = tonumber(args[5])
  interval = clients / rate * 1000
  origin = start + client / clients * interval
  finish = origin + seconds * 1000
  next_body = client * math.floor(#bodies / clients)
end

function delay()
  due = origin + sent * interval
  sent = sent + 1
  if due >= finish then return 3600 * 1000 end -- the run is over for this client
  return math.max(0, math.ceil(due - now_ms()))
end

function request()
  next_body = next_body % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[next_body])
end

function response(status, headers, body)
  latencies[#latencies + 1] = now_ms() - due
  if status ~= 200 then errors = errors + 1 end
end

function done(summary, latency, requests)
  local all, failed, length = {}, 0, 0
  for _, thread in ipairs(threads) do
    for _, value in ipairs(thread:get("latencies")) do all[#all + 1] = value end
    failed = failed + thread:get("errors")
    length = thread:get("seconds")
  end
  local e = summary.errors
  failed = failed + e.connect + e.read + e.write + e.timeout
  table.sort(all)
  local function at(q) return all[math.min(#all, math.floor(q * #all) + 1)] end
  io.write(string.format("RESULT %d %d %.3f %.3f %.3f %.3f %.3f\n", #all, failed, length,
    at(0.5), at(0.95), at(0.99), #all / length))
end
