-- ECR DescribeImages, the first page of 100, of the repository REPOSITORY: what a console or a
-- lifecycle job asks first. Its time should not grow with the repository's size.
local repository = os.getenv("REPOSITORY") or "bench/r0"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "AmazonEC2ContainerRegistry_V20150921.DescribeImages"
wrk.body = '{"repositoryName":"' .. repository .. '","maxResults":100}'
local errors = 0
function response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
    if errors <= 3 then io.stderr:write("DescribeImages answered " .. status .. ": " .. body .. "\n") end
  end
end
