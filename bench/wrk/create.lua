-- B1: POST /api/lighting/light-points, a new light point per request (id LP-B1-<run>-<thread>-<n>), next to a
-- random cabinet of the city, which the import registered: the create appends one event, and the policy that
-- registers a cabinet finds it already there.
local run = os.getenv("BENCH_RUN") or "0"
local headers
local cabinets
counter = 0

function init(args)
  headers = json_headers()
  cabinets = read_cabinets(os.getenv("BENCH_CABINETS"))
  math.randomseed(tonumber(os.getenv("SEED") or "1") * 1000 + thread_no)
end

function request()
  counter = counter + 1
  local c = cabinets[math.random(#cabinets)]
  local body = string.format(
    '{"lightPointId":"LP-B1-%s-%d-%07d","commune":"%s","latitude":%.6f,"longitude":%.6f,"cabinetId":"%s",' ..
    '"ratedPowerW":40,"legacyPowerW":150,"technology":"LED"}',
    run, thread_no, counter, c.commune, c.lat + (math.random() - 0.5) * 0.002, c.lon + (math.random() - 0.5) * 0.003, c.id)
  return wrk.format("POST", "/api/lighting/light-points", headers, body)
end

dofile("bench/wrk/report.lua")
