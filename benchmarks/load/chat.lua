-- wrk script of the load runs: POSTs the chat body in $BODY to the URL, counts non-2xx answers
-- (wrk's own status count starts at 400) and ends with one CSV line:
-- RESULT,requests,duration_us,non2xx,connect,read,write,timeout,p50_us,p90_us,p99_us,max_us,mean_us
local file = assert(io.open(assert(os.getenv("BODY"), "BODY: the body file"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format("RESULT,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%.1f\n",
    summary.requests, summary.duration, bad, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
