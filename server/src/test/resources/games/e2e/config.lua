-- Game dir of the end-to-end tests (TestServer adds demo.lua from examples/sdk-demo): the cross-SDK smoke mode,
-- a runaway script, pushes and finish, join rules, the Java arena, and a Java mode
-- whose code throws on demand (crash isolation), and a Java world mode (walk).
return {
  demo = "demo.lua",
  runaway = "runaway.lua",
  short = "short.lua",
  gated = "gated.lua",
  arena = "java:io.asobi.examples.arena.ArenaMode",
  fragile = "java:io.asobi.server.FragileMode",
  shop = "shop.lua",
  walk = "java:io.asobi.server.TestWorldMode",
}
