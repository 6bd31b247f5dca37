-- ECR PutImage through the JSON API, as the SDKs send it: each request a new manifest (a digest of its
-- own) with a new tag, spread over the repositories bench/r<FIRST_REPOSITORY> and the REPOSITORIES-1 after it; with
-- REPOSITORY_PREFIX, all into that one repository.
-- RUN tells each wrk run apart, so that no run pushes what an earlier one did. AUTHORIZATION, if set, is sent as
-- the Authorization header: moto tells the service a request is for by its credential scope.
local repositories = tonumber(os.getenv("REPOSITORIES") or "16")
local prefix = os.getenv("REPOSITORY_PREFIX")
local first = tonumber(os.getenv("FIRST_REPOSITORY") or "0")
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
  local n = (run * 16 + thread_number) * 100000000 + counter
  local repository = prefix or ("bench/r" .. (first + n % repositories))
  local config = string.format("sha256:%064x", n)
  local manifest = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":'
    .. '"application/vnd.oci.image.config.v1+json","size":7023,"digest":"' .. config .. '"},"layers":[]}'
  local body = '{"repositoryName":"' .. repository .. '","imageTag":"t' .. n .. '","imageManifest":'
    .. string.format("%q", manifest):gsub("\\\n", "\\n") .. '}'
  local headers = {
    ["Content-Type"] = "application/x-amz-json-1.1",
    ["X-Amz-Target"] = "AmazonEC2ContainerRegistry_V20150921.PutImage"
  }
  local authorization = os.getenv("AUTHORIZATION")
  if authorization then headers["Authorization"] = authorization end
  return wrk.format("POST", "/", headers, body)
end

function response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
    if errors <= 3 then io.stderr:write("PutImage answered " .. status .. ": " .. body .. "\n") end
  end
end
