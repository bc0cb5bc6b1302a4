-- Shared by the wrk scripts (after the peer's bench/wrk-report.lua): numbers each thread, and prints one
-- machine-readable line at the end of a run. Scripts that count their own answers keep two globals per thread:
-- `created` (answers 201) and `counter` (requests sent), summed and maxed here.
bench_threads = bench_threads or {}

function setup(thread)
  table.insert(bench_threads, thread)
  thread:set("thread_no", #bench_threads)
end

function done(summary, latency, requests)
  local s = summary.duration / 1e6
  local e = summary.errors
  local ok = summary.requests - e.status
  local created, counted, max_counter = 0, false, 0
  for _, t in ipairs(bench_threads) do
    local n = tonumber(t:get("created"))
    if n then created = created + n; counted = true end
    local c = tonumber(t:get("counter")) or 0
    if c > max_counter then max_counter = c end
  end
  local extra = string.format(',"max_counter":%d', max_counter)
  if counted then
    extra = string.format(',"created":%d,"created_per_s":%.1f', created, created / s) .. extra
  end
  io.write(string.format(
    'WRK_JSON {"requests":%d,"ok":%d,"non2xx":%d,"socket_errors":%d,"seconds":%.3f,"ok_per_s":%.1f,' ..
    '"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"mean_ms":%.2f%s}\n',
    summary.requests, ok, e.status, e.connect + e.read + e.write + e.timeout, s, ok / s,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000, extra))
end

-- The cabinets file the generator writes: id, commune, latitude, longitude, load in W, tab-separated.
function read_cabinets(path)
  local cabinets = {}
  for line in io.lines(path) do
    local id, commune, lat, lon, load = line:match("^(%S+)\t(%S+)\t(%S+)\t(%S+)\t(%S+)")
    if id then
      cabinets[#cabinets + 1] = { id = id, commune = commune, lat = tonumber(lat), lon = tonumber(lon), load = tonumber(load) }
    end
  end
  return cabinets
end

function json_headers()
  return { ["Content-Type"] = "application/json", ["Authorization"] = os.getenv("BENCH_AUTH") }
end
