-- A tag push over the OCI Distribution API, as docker and skopeo send one: PUT /v2/<REPOSITORY>/manifests/<tag>
-- of one manifest already stored (its blobs are in the repository), under a new tag each time.
-- MANIFEST_FILE names the manifest's bytes; RUN tells each wrk run apart.
local repository = os.getenv("REPOSITORY")
local file = assert(io.open(os.getenv("MANIFEST_FILE"), "rb"))
local manifest = file:read("*a")
file:close()
local run = tonumber(os.getenv("RUN") or "0")
local counter = 0
local errors = 0
local threads = 0

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

function request()
  counter = counter + 1
  local tag = "r" .. run .. "-" .. thread_number .. "-" .. counter
  return wrk.format("PUT", "/v2/" .. repository .. "/manifests/" .. tag,
    { ["Content-Type"] = "application/vnd.oci.image.manifest.v1+json" }, manifest)
end

function response(status, headers, body)
  if status ~= 201 then
    errors = errors + 1
    if errors <= 3 then io.stderr:write("tag push answered " .. status .. ": " .. body .. "\n") end
  end
end
