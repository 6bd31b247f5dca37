-- A point-in-time read at a random instant between FROM_MS and TO_MS (epoch milliseconds), each
-- request its own, so that no two ask the same: PATH is the path, and the instant is appended as asOf.
local path = os.getenv("PATH_PREFIX")
local from = tonumber(os.getenv("FROM_MS"))
local to = tonumber(os.getenv("TO_MS"))
local errors = 0

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed + os.time())
end

function request()
  local at = from + math.random(0, to - from)
  local instant = os.date("!%Y-%m-%dT%H:%M:%S", math.floor(at / 1000)) .. string.format(".%03dZ", at % 1000)
  local separator = string.find(path, "?", 1, true) and "&" or "?"
  return wrk.format("GET", path .. separator .. "asOf=" .. instant)
end

function response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
    if errors <= 3 then io.stderr:write("GET answered " .. status .. ": " .. body .. "\n") end
  end
end
