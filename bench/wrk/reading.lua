-- B2: POST /api/lighting/cabinets/{id}/energy-readings on existing cabinets, a valid reading each time: every
-- cabinet's readings are back-to-back quarter-hours from B2_BASE (epoch seconds), and a cabinet is never sent a
-- reading while its previous one is unanswered (a cabinet refuses a reading that does not move forward). Each
-- thread owns every BENCH_THREADS-th cabinet and keeps a queue of the free ones: a cabinet goes back to the end of
-- the queue when its answer arrives (the answer names it), so with ~550 cabinets a thread and 8 connections the
-- same cabinet comes back only after hundreds of other readings. A cabinet answered with an error leaves the queue.
local base = tonumber(os.getenv("B2_BASE"))
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
local headers
local free, head, tail = {}, 1, 0
local next_start, load = {}, {}
counter = 0
created = 0

-- Dijon's sunrise and sunset by month, UTC hours: the meter sees the lamps only at night.
local sunrise = { 7.25, 6.75, 5.9, 4.9, 4.2, 3.8, 4.1, 4.75, 5.4, 6.1, 6.75, 7.25 }
local sunset = { 16.25, 17.0, 17.75, 18.5, 19.2, 19.6, 19.5, 18.8, 17.8, 16.8, 16.1, 15.8 }

local function kwh(cabinet, t)
  local d = os.date("!*t", t + 450)
  local hour = d.hour + d.min / 60
  if hour > sunrise[d.month] and hour < sunset[d.month] then
    return "0.003"
  end
  local level = (hour >= 22 or hour < 4) and 0.5 or 1.0
  return string.format("%.3f", load[cabinet] * level * 0.25 * 1.04 / 1000 + 0.003)
end

function init(args)
  headers = json_headers()
  local i = 0
  for _, c in ipairs(read_cabinets(os.getenv("BENCH_CABINETS"))) do
    if i % nthreads == thread_no - 1 then
      tail = tail + 1
      free[tail] = c.id
      next_start[c.id] = base
      load[c.id] = c.load
    end
    i = i + 1
  end
end

function request()
  counter = counter + 1
  if head > tail then
    -- Every cabinet of this thread is waiting for an answer or was lost to an error: make it show as a failure.
    return wrk.format("POST", "/api/lighting/cabinets/NO-FREE-CABINET/energy-readings", headers, "{}")
  end
  local id = free[head]
  free[head] = nil
  head = head + 1
  local s = next_start[id]
  next_start[id] = s + 900
  local body = string.format('{"intervalStart":"%s","intervalEnd":"%s","kwh":%s}',
    os.date("!%Y-%m-%dT%H:%M:%SZ", s), os.date("!%Y-%m-%dT%H:%M:%SZ", s + 900), kwh(id, s))
  return wrk.format("POST", "/api/lighting/cabinets/" .. id .. "/energy-readings", headers, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  end
  if status >= 200 and status < 300 then
    local id = body and body:match('"cabinetId":"([^"]+)"')
    if id and next_start[id] then
      tail = tail + 1
      free[tail] = id
    end
  end
end

dofile("bench/wrk/report.lua")
