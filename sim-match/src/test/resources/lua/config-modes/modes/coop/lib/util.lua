local util = {}

function util.greet(name)
    return "hello " .. name
end

function util.twice(n)
    return n * 2
end

return util
