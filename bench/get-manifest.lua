-- A manifest by tag over the REST API, the same one every time: what a fleet of pulls asks for.
wrk.method = "GET"
wrk.path = os.getenv("MANIFEST_PATH") or "/repositories/bench/read/-/manifests/v1"
local errors = 0
function response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
    if errors <= 3 then io.stderr:write("GET answered " .. status .. "\n") end
  end
end
