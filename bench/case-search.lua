-- wrk script of bench/pages.sh: the case-search API with a different query on each request,
-- cycling through searches of the kinds workers type (common words, several words, a phrase of
-- the synonym list, an exclusion, a facet filter, the date sort, a second page).
local searches = {
  "q=独居老人",
  "q=老旧小区 停车 纠纷",
  "q=社区网格员上门走访独居老人",
  "q=矛盾调解",
  "q=低保",
  "q=心理疏导",
  "q=困难家庭 医疗救助",
  "q=老人 -独居",
  "q=志愿者&sort=date",
  "q=残障人士",
  "q=社区&page=2",
  "q=老人&topic=elderly-care",
}

local function encode(s)
  return (s:gsub("[^%w%-_%.~=&]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

local paths = {}
for i, s in ipairs(searches) do
  paths[i] = "/api/v1/cases/search?" .. encode(s)
end

local n = 0

-- Each wrk thread starts at a different place in the list.
function init(args)
  n = math.random(#paths)
end

function request()
  n = n % #paths + 1
  return wrk.format("GET", paths[n])
end
