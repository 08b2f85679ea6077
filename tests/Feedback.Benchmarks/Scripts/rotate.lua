-- wrk script of the benchmark program (tests/Feedback.Benchmarks): rotates over a file of "path token" lines
-- (BENCH_TARGETS), one request per line in turn, each of the BENCH_THREADS threads starting at its own offset. With
-- BENCH_KEYS set (comma-separated behavior keys) it sends PUT with a valid sheet body (a random score 1..5 per key, and
-- a comment); without it, GET (BENCH_ACCEPT, default application/json). done() prints one RESULT line the program parses.

local threads = {}
local index = 0

function setup(thread)
  thread:set("tindex", index)
  index = index + 1
  table.insert(threads, thread)
end

local targets, keys, counter, accept

function init(args)
  targets = {}
  for line in io.lines(os.getenv("BENCH_TARGETS")) do
    local path, token = line:match("^(%S+)%s+(%S+)$")
    if path then targets[#targets + 1] = { path, "Bearer " .. token } end
  end
  assert(#targets > 0, "no targets in " .. tostring(os.getenv("BENCH_TARGETS")))
  keys = {}
  for key in (os.getenv("BENCH_KEYS") or ""):gmatch("[^,]+") do keys[#keys + 1] = key end
  counter = math.floor(tindex * #targets / tonumber(os.getenv("BENCH_THREADS") or "1"))
  accept = os.getenv("BENCH_ACCEPT") or "application/json"
  math.randomseed(1234 + tindex)
end

local comment = "Listens before deciding and explains the why; could delegate more of the planning."

local function body()
  local parts = {}
  for i = 1, #keys do parts[i] = string.format("%q:%d", keys[i], math.random(1, 5)) end
  return string.format('{"scores":{%s},"comment":%q}', table.concat(parts, ","), comment)
end

function request()
  counter = counter % #targets + 1
  local t = targets[counter]
  if #keys > 0 then
    return wrk.format("PUT", t[1], { ["Authorization"] = t[2], ["Content-Type"] = "application/json" }, body())
  end
  return wrk.format("GET", t[1], { ["Authorization"] = t[2], ["Accept"] = accept })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f mean_ms=%.2f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
