-- A manifest by tag over the REST API (or MANIFEST_PATH), the same one every time: what a fleet of pulls asks for.
wrk.method = "GET"
wrk.path = os.getenv("MANIFEST_PATH") or "/repositories/bench/read/-/manifests/v1"
-- What docker and containerd accept; distribution answers an OCI manifest only to a client that accepts it.
wrk.headers["Accept"] = "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json"
local errors = 0
function response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
    if errors <= 3 then io.stderr:write("GET answered " .. status .. "\n") end
  end
end
