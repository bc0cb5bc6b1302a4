-- B3: POST /api/lighting/light-points/{id}/failures (a lamp failure from telemetry) on existing points, one failure
-- per point: the ids come from B3_POINTS (one a line, in random order), thread t takes the lines B3_FIRST + t - 1,
-- then every BENCH_THREADS-th; the next run starts past the highest line used (max_counter in the report). Each
-- accepted failure (201) makes the policy open an intervention. A point reported again answers 200 (absorbed).
local first = tonumber(os.getenv("B3_FIRST") or "0")
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
local body = '{"kind":"lampFailure","source":"telemetry"}'
local headers
local ids = {}
counter = 0
created = 0

function init(args)
  headers = json_headers()
  for line in io.lines(os.getenv("B3_POINTS")) do
    if line ~= "" then ids[#ids + 1] = line end
  end
end

function request()
  local i = first + (thread_no - 1) + counter * nthreads
  counter = counter + 1
  local id = ids[(i % #ids) + 1]
  return wrk.format("POST", "/api/lighting/light-points/" .. id .. "/failures", headers, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  end
end

dofile("bench/wrk/report.lua")
